package io.flashstation.sim.jlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.sim.usb.VirtualUsbLink;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A virtual J-Link on the virtual USB bus, read the way libjaylink reads (jlink.md §1.3): every IN transfer asks
 * for 2048 bytes, zero-length completions are skipped, and reads go on until the expected count has arrived.
 */
class VirtualJLinkOnBusTest {

    private static final int CHUNK = 2048;

    private final VirtualUsbBus bus = new VirtualUsbBus();
    private final Fixture fixture = new Fixture();
    private final JLinkProfile profile = JLinkProfile.genuineOb();

    @AfterEach
    void closeBus() {
        bus.close();
    }

    @Test
    void enumeratesAsAJLinkWithItsSerial() throws UsbException {
        // jlink.md §1.1, §1.4
        bus.plug(new VirtualJLink(profile, fixture), "1-1");

        assertThat(bus.devices()).singleElement().satisfies(d -> {
            assertThat(d.vidPid()).isEqualTo("1366:0101");
            assertThat(d.serial()).isEqualTo(profile.serial());
        });
    }

    @Test
    void versionComesAsLengthThenStringAcrossTwoReads() throws UsbException {
        // jlink.md §2.2: libjaylink reads the 2-byte length, then the string as a second read
        try (VirtualUsbLink link = open()) {
            write(link, 0x01);
            byte[] first = readOnce(link);
            byte[] second = readOnce(link);

            assertThat(first).containsExactly(0x70, 0x00);
            assertThat(second).hasSize(112);
        }
    }

    @Test
    void theZeroLengthPacketAfterReadConfigIsSkippedByTheNextRead() throws UsbException {
        // jlink.md §1.3: a 256-byte reply ends with a ZLP; a host that skips empty completions stays in step
        try (VirtualUsbLink link = open()) {
            write(link, 0xF2);
            assertThat(read(link, 256)).hasSize(256);
            write(link, 0xE8);
            assertThat(read(link, 4)).containsExactly(0x33, 0x0A, 0x02, 0x88);
        }
    }

    @Test
    void aDpidrReadCostsLatencyPayloadAndWireTime() throws UsbException {
        // TIMING.md §3: OUT arrives at send + L/2 + n/B; the probe clocks 190 bits at 1 MHz (the OB's top speed);
        // IN completes at max(asked, ready) + L/2 + n/B. jlink.md §3.4 for the batch.
        VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(1));
        fixture.insert(board);
        try (VirtualUsbLink link = open()) {
            write(link, 0xC7, 0x01);
            read(link, 4);
            write(link, 0x05, 0xA0, 0x0F);
            byte[] batch = new SwdIoRequest().jtagToSwd().read(0xA5).out(0, 8).encode();
            long sent = link.clock().nanos();

            link.bulkTransfer(profile.outEndpoint(), batch, 0, batch.length, 1000);
            byte[] reply = read(link, 25);

            assertThat(SwdIoRequest.bits(reply, 147, 32)).isEqualTo(0x2BA01477L);
            long arrival = sent + 250_000 + batch.length * 1_000L;
            long ready = arrival + 190 * 1_000L;
            assertThat(link.clock().nanos()).isEqualTo(ready + 250_000 + 25 * 1_000L);
        }
    }

    private VirtualUsbLink open() throws UsbException {
        UsbDeviceInfo info = bus.plug(new VirtualJLink(profile, fixture), "1-1");
        VirtualUsbLink link = bus.openVirtual(info);
        link.claimInterface(0);
        return link;
    }

    private void write(VirtualUsbLink link, int... request) throws UsbException {
        byte[] bytes = JLinkTestHost.bytes(request);
        link.bulkTransfer(profile.outEndpoint(), bytes, 0, bytes.length, 1000);
    }

    /** One 2048-byte IN transfer, as libjaylink submits them. */
    private byte[] readOnce(VirtualUsbLink link) throws UsbException {
        byte[] buffer = new byte[CHUNK];
        int n = link.bulkTransfer(profile.inEndpoint(), buffer, 0, CHUNK, 1000);
        return Arrays.copyOf(buffer, n);
    }

    /** Reads until {@code expected} bytes have arrived, skipping zero-length completions. */
    private byte[] read(VirtualUsbLink link, int expected) throws UsbException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        while (answer.size() < expected) {
            answer.writeBytes(readOnce(link));
        }
        return answer.toByteArray();
    }
}
