package io.flashstation.usb.libusb;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bus's settings: hotplug by default, polling on request (issue 4). */
class LibUsbBusOptionsTest {

    @Test
    void defaultsUseHotplug() {
        LibUsbBusOptions defaults = LibUsbBusOptions.defaults();
        assertThat(defaults.useHotplug()).isTrue();
        assertThat(defaults.stringTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void pollingKeepsTheStringTimeout() {
        LibUsbBusOptions polling = new LibUsbBusOptions(true, Duration.ofSeconds(1), Duration.ofMillis(200))
                .polling(Duration.ofMillis(250));
        assertThat(polling).isEqualTo(new LibUsbBusOptions(false, Duration.ofMillis(250), Duration.ofMillis(200)));
    }

    @Test
    void intervalsShorterThanAMillisecondAreRejected() {
        assertThatThrownBy(() -> LibUsbBusOptions.defaults().polling(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LibUsbBusOptions(true, Duration.ofMillis(1), Duration.ofNanos(10)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
