package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbHotplugListener;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real libusb context on a host with no USB subsystem (quarkus-usb4java.md §7.9: init succeeds, the list is
 * empty, hotplug registers and never fires): the bus starts, is empty, says why in one log line, and its
 * threads stop in the order of §7.2 without crashing the JVM. The timeouts only guard against a hang.
 */
@Timeout(30)
class LibUsbBusWithoutUsbTest {

    private final Logger packageLogger = Logger.getLogger(LibUsbBus.class.getPackageName());
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void onlyOnAHostWithoutUsb() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux")
                && !Files.exists(UsbSubsystemCheck.SYS_BUS_USB), "this host has a USB subsystem");
        packageLogger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        packageLogger.removeHandler(capture);
    }

    @Test
    void startsEmptyAndSaysWhyInOneLine() throws UsbException {
        try (LibUsbBus bus = LibUsbBus.start()) {
            assertThat(bus.devices()).isEmpty();
            // §7.9: CAP_HAS_HOTPLUG is true even here, so the event thread runs for real
            assertThat(bus.changeDetection()).isEqualTo(LibUsbBus.ChangeDetection.HOTPLUG);
        }
        List<LogRecord> visible = records.stream().filter(r -> r.getLevel().intValue() >= Level.INFO.intValue())
                .toList();
        assertThat(visible).hasSize(1);
        assertThat(visible.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(visible.get(0).getMessage()).contains("USB bus will stay empty").contains("no USB subsystem");
    }

    @Test
    void subscribingAndUnsubscribingWorkAndNothingArrives() throws UsbException {
        List<UsbDeviceInfo> events = new CopyOnWriteArrayList<>();
        try (LibUsbBus bus = LibUsbBus.start()) {
            UsbSubscription subscription = bus.subscribe(recordingInto(events));
            assertThat(bus.devices()).isEmpty();
            subscription.close();
            subscription.close();
        }
        assertThat(events).isEmpty();
    }

    @Test
    void pollingModeStartsAndStops() throws UsbException {
        List<UsbDeviceInfo> events = new CopyOnWriteArrayList<>();
        LibUsbBusOptions options = LibUsbBusOptions.defaults().polling(Duration.ofMillis(1));
        try (LibUsbBus bus = LibUsbBus.start(options)) {
            bus.subscribe(recordingInto(events));
            assertThat(bus.changeDetection()).isEqualTo(LibUsbBus.ChangeDetection.POLLING);
            assertThat(bus.devices()).isEmpty();
        }
        assertThat(events).isEmpty();
    }

    @Test
    void openingADeviceThatIsNotThereSaysItIsGone() {
        // §7.7: a device not on the bus is reported as gone, not as a generic failure
        UsbDeviceInfo absent = new UsbDeviceInfo(0x0483, 0x3748, 0x0100, null, null, null, "1-2", 1, 5,
                UsbSpeed.FULL, List.of());
        try (LibUsbBus bus = LibUsbBus.start()) {
            assertThatThrownBy(() -> bus.open(absent))
                    .isInstanceOf(UsbDeviceGoneException.class)
                    .hasMessageContaining("0483:3748 at 1-2");
        }
    }

    @Test
    void closeIsIdempotentAndTheClosedBusRefusesWork() {
        LibUsbBus bus = LibUsbBus.start();
        bus.close();
        bus.close();
        assertThatThrownBy(bus::devices).isInstanceOf(UsbException.class).hasMessageContaining("closed");
    }

    @Test
    void severalBusesCanComeAndGoInOneJvm() throws UsbException {
        // each bus owns its own context (§7.2); starting and exiting them in turn must not disturb the others
        try (LibUsbBus first = LibUsbBus.start()) {
            LibUsbBus second = LibUsbBus.start();
            assertThat(second.devices()).isEmpty();
            second.close();
            assertThat(first.devices()).isEmpty();
        }
        for (int i = 0; i < 5; i++) {
            LibUsbBus.start().close();
        }
    }

    private static UsbHotplugListener recordingInto(List<UsbDeviceInfo> events) {
        return new UsbHotplugListener() {
            @Override
            public void arrived(UsbDeviceInfo device) {
                events.add(device);
            }

            @Override
            public void left(UsbDeviceInfo device) {
                events.add(device);
            }
        };
    }
}
