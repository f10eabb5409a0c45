package io.flashstation.sim.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.usb.UsbBusyException;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbHotplugListener;
import io.flashstation.usb.UsbLink;
import io.flashstation.usb.UsbSubscription;
import io.flashstation.usb.UsbTimeoutException;
import io.flashstation.usb.UsbTransferType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The virtual bus: hotplug, identities, exclusivity and the TIMING.md §3 link model. */
class VirtualUsbBusTest {

    private final VirtualUsbBus bus = new VirtualUsbBus(3);

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void subscribersHearArrivalsAndRemovalsInOrder() throws Exception {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        UsbSubscription subscription = bus.subscribe(new UsbHotplugListener() {
            @Override
            public void arrived(UsbDeviceInfo device) {
                heard.add("+" + device.portPath());
            }

            @Override
            public void left(UsbDeviceInfo device) {
                heard.add("-" + device.portPath());
            }
        });

        bus.plug(bulkDevice(), "3-1");
        bus.plug(bulkDevice(), "3-2.4");
        bus.unplug("3-1");

        assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("+3-1");
        assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("+3-2.4");
        assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("-3-1");
        subscription.close();
        bus.plug(bulkDevice(), "3-3");
        assertThat(bus.devices()).extracting(UsbDeviceInfo::portPath).containsExactly("3-2.4", "3-3");
        assertThat(heard).isEmpty();
    }

    @Test
    void devicesCarryTheirDescriptorsBusNumberAndAnAddressThatChangesOnReplug() throws Exception {
        UsbDeviceInfo first = bus.plug(bulkDevice(), "3-1");
        bus.unplug("3-1");
        UsbDeviceInfo again = bus.plug(bulkDevice(), "3-1");

        assertThat(again.busNumber()).isEqualTo(3);
        assertThat(again.vidPid()).isEqualTo("1234:5678");
        assertThat(again.serial()).isEqualTo("SCRIPTED1");
        assertThat(again.portPath()).isEqualTo(first.portPath());
        assertThat(again.address()).isNotEqualTo(first.address());
        assertThatThrownBy(() -> bus.open(first)).isInstanceOf(UsbDeviceGoneException.class);
    }

    @Test
    void aSecondOpenIsBusyUntilTheFirstLinkCloses() throws Exception {
        ScriptedDevice device = bulkDevice();
        UsbDeviceInfo info = bus.plug(device, "3-1");
        UsbLink link = bus.open(info);

        assertThatThrownBy(() -> bus.open(info)).isInstanceOf(UsbBusyException.class);
        link.close();
        bus.open(info).close();
        assertThat(device.events()).containsExactly("opened", "closed", "opened", "closed");
    }

    @Test
    void aLinkOpenedLaterStartsAtTheHostsTime() throws Exception {
        // one host, one time: a probe plugged in (or opened again) later must not live in the past of the others
        UsbDeviceInfo info = bus.plug(bulkDevice(), "3-1");
        VirtualUsbLink first = bus.openVirtual(info);
        first.clock().sleep(5_000_000_000L);
        first.close();
        VirtualUsbLink second = bus.openVirtual(info);
        assertThat(second.clock().nanos()).isEqualTo(5_000_000_000L);
        second.clock().sleep(1_000_000_000L);
        UsbDeviceInfo other = bus.plug(bulkDevice(), "3-2");
        VirtualUsbLink third = bus.openVirtual(other);
        assertThat(third.clock().nanos()).as("while the second is still open").isEqualTo(6_000_000_000L);
        second.close();
        third.close();
    }

    @Test
    void transfersNeedAClaimedInterface() throws Exception {
        UsbLink link = bus.open(bus.plug(bulkDevice(), "3-1"));

        assertThatThrownBy(() -> link.bulkTransfer(0x01, new byte[4], 0, 4, 100)).isInstanceOf(UsbException.class)
                .hasMessageContaining("not in a claimed interface");
        assertThatThrownBy(() -> link.claimInterface(1)).isInstanceOf(UsbException.class);
    }

    // TIMING.md §3: an OUT transfer of n bytes arrives at send + L/2 + n/B, split into max-size packets
    @Test
    void outTransfersAreSplitIntoPacketsArrivingAtSendPlusHalfLatencyPlusPayloadTime() throws Exception {
        ScriptedDevice device = bulkDevice();
        VirtualUsbLink link = openClaimed(device);
        link.clock().sleep(1_000_000);

        link.bulkTransfer(0x01, new byte[100], 0, 100, 1000);

        // full speed bulk: L = 0.5 ms, B = 1 MB/s (1 µs a byte), 64-byte packets
        assertThat(device.received()).extracting(p -> p.data().length).containsExactly(64, 36);
        assertThat(device.received()).extracting(ScriptedDevice.Packet::arrivalNanos)
                .containsExactly(1_000_000 + 250_000 + 64_000L, 1_000_000 + 250_000 + 100_000L);
        assertThat(link.clock().nanos()).isEqualTo(1_000_000 + 100_000L);
    }

    // TIMING.md §3: an IN transfer completes at max(host asks, response ready) + L/2 + n/B
    @Test
    void inTransfersCompleteAtTheLaterOfAskAndReadyPlusHalfLatencyPlusPayloadTime() throws Exception {
        ScriptedDevice device = bulkDevice();
        VirtualUsbLink link = openClaimed(device);
        device.answer(new byte[10], 5_000_000);
        device.answer(new byte[20], 1_000);
        byte[] buffer = new byte[64];

        assertThat(link.bulkTransfer(0x81, buffer, 0, 64, 1000)).isEqualTo(10);
        assertThat(link.clock().nanos()).isEqualTo(5_000_000 + 250_000 + 10_000L);
        long asked = link.clock().nanos();
        assertThat(link.bulkTransfer(0x81, buffer, 0, 64, 1000)).isEqualTo(20);
        assertThat(link.clock().nanos()).isEqualTo(asked + 250_000 + 20_000L);
    }

    // TIMING.md §3: high-speed bulk, L = 0.125 ms, B = 40 MB/s, 512-byte packets
    @Test
    void highSpeedLinksUseTheirOwnLatencyBandwidthAndPacketSize() throws Exception {
        ScriptedDevice device = new ScriptedDevice(LinkTiming.BULK_HIGH_SPEED, UsbTransferType.BULK);
        VirtualUsbLink link = openClaimed(device);

        link.bulkTransfer(0x01, new byte[1000], 0, 1000, 1000);

        assertThat(device.received()).extracting(p -> p.data().length).containsExactly(512, 488);
        assertThat(device.received().get(1).arrivalNanos()).isEqualTo(62_500 + 25_000L);
    }

    // TIMING.md §3: HID full speed moves one 64-byte report per 1 ms frame
    @Test
    void hidLinksMoveOneReportPerFrame() throws Exception {
        ScriptedDevice device = new ScriptedDevice(LinkTiming.HID_FULL_SPEED, UsbTransferType.INTERRUPT);
        VirtualUsbLink link = openClaimed(device);

        link.interruptTransfer(0x01, new byte[64], 0, 64, 1000);
        assertThat(device.received().get(0).arrivalNanos()).isEqualTo(500_000 + 1_000_000L);
        device.answer(new byte[64], 3_000_000);
        link.interruptTransfer(0x81, new byte[64], 0, 64, 1000);
        assertThat(link.clock().nanos()).isEqualTo(3_000_000 + 500_000 + 1_000_000L);
    }

    @Test
    void anAnswerLongerThanAShortTransferOverflowsButOneOnAPacketBoundaryIsKeptForTheNextTransfer()
            throws Exception {
        ScriptedDevice device = bulkDevice();
        VirtualUsbLink link = openClaimed(device);
        device.answer(new byte[100], 0);
        assertThatThrownBy(() -> link.bulkTransfer(0x81, new byte[70], 0, 70, 1000))
                .isInstanceOf(UsbException.class).hasMessageContaining("overflow");

        device.answer(new byte[100], 0);
        byte[] buffer = new byte[100];
        assertThat(link.bulkTransfer(0x81, buffer, 0, 64, 1000)).isEqualTo(64);
        assertThat(link.bulkTransfer(0x81, buffer, 0, 64, 1000)).isEqualTo(36);
    }

    @Test
    void aDeviceWithNothingToSendTimesOutInVirtualTimeOnly() throws Exception {
        VirtualUsbLink link = openClaimed(bulkDevice());

        assertThatThrownBy(() -> link.bulkTransfer(0x81, new byte[64], 0, 64, 250))
                .isInstanceOf(UsbTimeoutException.class);
        assertThat(link.clock().nanos()).isEqualTo(250_000_000L);
    }

    @Test
    void anAnswerReadyAfterTheTimeoutTimesOutAndIsDeliveredToTheNextTransfer() throws Exception {
        ScriptedDevice device = bulkDevice();
        VirtualUsbLink link = openClaimed(device);
        device.answer(new byte[4], 2_000_000_000L);

        assertThatThrownBy(() -> link.bulkTransfer(0x81, new byte[64], 0, 64, 1000))
                .isInstanceOf(UsbTimeoutException.class);
        assertThat(link.clock().nanos()).isEqualTo(1_000_000_000L);
        assertThat(link.bulkTransfer(0x81, new byte[64], 0, 64, 5000)).isEqualTo(4);
        assertThat(link.clock().nanos()).isEqualTo(2_000_000_000L + 250_000 + 4_000);
    }

    @Test
    void everyTransferOnAnUnpluggedDeviceFails() throws Exception {
        ScriptedDevice device = bulkDevice();
        VirtualUsbLink link = openClaimed(device);

        bus.unplug("3-1");

        assertThatThrownBy(() -> link.bulkTransfer(0x01, new byte[4], 0, 4, 100))
                .isInstanceOf(UsbDeviceGoneException.class);
        assertThatThrownBy(() -> link.bulkTransfer(0x81, new byte[4], 0, 4, 100))
                .isInstanceOf(UsbDeviceGoneException.class);
        assertThat(device.events()).containsExactly("opened", "closed");
        link.close();
        assertThat(device.events()).containsExactly("opened", "closed");
    }

    @Test
    void aTransferInProgressWhenTheDeviceIsUnpluggedFails() throws Exception {
        ScriptedDevice device = bulkDevice();
        VirtualUsbLink link = openClaimed(device);
        device.receiving = new CountDownLatch(1);
        device.release = new CountDownLatch(1);
        ExecutorService host = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> transfer = host.submit(() -> link.bulkTransfer(0x01, new byte[16], 0, 16, 1000));
            assertThat(device.receiving.await(5, TimeUnit.SECONDS)).isTrue();

            bus.unplug("3-1");
            device.release.countDown();

            assertThatThrownBy(() -> transfer.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(UsbDeviceGoneException.class);
        } finally {
            host.shutdownNow();
        }
    }

    @Test
    void controlRequestsTheDeviceDoesNotHandleStall() throws Exception {
        VirtualUsbLink link = openClaimed(bulkDevice());

        assertThatThrownBy(() -> link.controlTransfer(new io.flashstation.usb.UsbControlSetup(0xC0, 1, 0, 0),
                new byte[8], 0, 8, 100)).isInstanceOf(UsbException.class).hasMessageContaining("stalled");
    }

    @Test
    void hotplugFromSeveralThreadsKeepsEveryEventAndAddress() throws Exception {
        AtomicInteger arrivals = new AtomicInteger();
        AtomicInteger removals = new AtomicInteger();
        CountDownLatch allHeard = new CountDownLatch(4 * 50 * 2);
        bus.subscribe(new UsbHotplugListener() {
            @Override
            public void arrived(UsbDeviceInfo device) {
                arrivals.incrementAndGet();
                allHeard.countDown();
            }

            @Override
            public void left(UsbDeviceInfo device) {
                removals.incrementAndGet();
                allHeard.countDown();
            }
        });
        ExecutorService hands = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String port = "3-" + (t + 1);
                running.add(hands.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        bus.plug(bulkDevice(), port);
                        bus.devices();
                        bus.unplug(port);
                    }
                    return null;
                }));
            }
            for (Future<?> hand : running) {
                hand.get(10, TimeUnit.SECONDS);
            }
        } finally {
            hands.shutdownNow();
        }
        assertThat(allHeard.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(arrivals.get()).isEqualTo(200);
        assertThat(removals.get()).isEqualTo(200);
        assertThat(bus.devices()).isEmpty();
    }

    private VirtualUsbLink openClaimed(ScriptedDevice device) throws UsbException {
        VirtualUsbLink link = bus.openVirtual(bus.plug(device, "3-1"));
        link.claimInterface(0);
        return link;
    }

    private static ScriptedDevice bulkDevice() {
        return new ScriptedDevice(LinkTiming.BULK_FULL_SPEED, UsbTransferType.BULK);
    }
}
