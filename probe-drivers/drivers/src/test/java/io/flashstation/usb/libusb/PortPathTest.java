package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbSpeed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port paths as Linux sysfs writes them, built from libusb's bus and port numbers (quarkus-usb4java.md §7.3). */
class PortPathTest {

    @Test
    void busThenPortChainSeparatedByDots() {
        assertThat(PortPath.of(1, new byte[]{2, 4, 0, 0, 0, 0, 0}, 2)).hasToString("1-2.4");
        assertThat(PortPath.of(3, new byte[]{7}, 1)).hasToString("3-7");
    }

    @Test
    void portNumbersAreUnsignedBytes() {
        // libusb hands out uint8_t port numbers; Java sees them as signed bytes
        assertThat(PortPath.of(2, new byte[]{(byte) 200}, 1)).hasToString("2-200");
    }

    @Test
    void rootHubHasNoPortsAndIsWrittenBusDashZero() {
        assertThat(PortPath.of(1, new byte[7], 0)).hasToString("1-0");
        assertThat(PortPath.parse("1-0").ports()).isEmpty();
    }

    @Test
    void parseReadsBackWhatToStringWrote() {
        PortPath deep = new PortPath(4, List.of(1, 2, 3, 4, 5, 6, 7));
        assertThat(PortPath.parse(deep.toString())).isEqualTo(deep);
        assertThat(PortPath.parse("1-2.4")).isEqualTo(new PortPath(1, List.of(2, 4)));
    }

    @Test
    void rejectsWhatIsNotAPortPath() {
        Stream.of("", "1", "-2", "1-", "1-2..4", "a-2", "1-2.x").forEach(text ->
                assertThatThrownBy(() -> PortPath.parse(text)).isInstanceOf(IllegalArgumentException.class));
        // USB 3 has at most seven tiers below the root
        assertThatThrownBy(() -> new PortPath(1, List.of(1, 1, 1, 1, 1, 1, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void devicesSortNumericallyPortByPort() {
        List<String> sorted = Stream.of("2-1", "1-10", "1-2.4", "1-2", "1-0", "1-9")
                .map(PortPathTest::deviceAt)
                .sorted(PortPath.DEVICE_ORDER)
                .map(UsbDeviceInfo::portPath)
                .toList();
        assertThat(sorted).containsExactly("1-0", "1-2", "1-2.4", "1-9", "1-10", "2-1");
    }

    private static UsbDeviceInfo deviceAt(String portPath) {
        return new UsbDeviceInfo(0x0483, 0x3748, 0x0100, null, null, null, portPath,
                PortPath.parse(portPath).bus(), 5, UsbSpeed.FULL, List.of());
    }
}
