package io.flashstation.usb.libusb;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link LibUsbBus} watches for devices and reads their strings.
 *
 * @param useHotplug    use libusb's hotplug events where it has them; false forces polling, for hosts where
 *                      hotplug events do not reach the process
 * @param pollInterval  how often the device list is compared when polling
 * @param stringTimeout how long one string-descriptor read may take before the string is treated as unreadable
 */
public record LibUsbBusOptions(boolean useHotplug, Duration pollInterval, Duration stringTimeout) {

    public LibUsbBusOptions {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(stringTimeout, "stringTimeout");
        if (pollInterval.toMillis() < 1 || stringTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("intervals must be at least 1 ms: " + pollInterval + ", "
                    + stringTimeout);
        }
    }

    /** Hotplug where available, else a look every 500 ms; 500 ms per string (libusb's own helper allows 1 s). */
    public static LibUsbBusOptions defaults() {
        return new LibUsbBusOptions(true, Duration.ofMillis(500), Duration.ofMillis(500));
    }

    /** The same options, but polling every {@code interval} instead of using hotplug. */
    public LibUsbBusOptions polling(Duration interval) {
        return new LibUsbBusOptions(false, interval, stringTimeout);
    }
}
