package io.flashstation.station.daemon;

import io.flashstation.station.config.SlotConfig;
import io.flashstation.station.slot.SerialText;
import io.flashstation.usb.UsbDeviceInfo;
import java.util.Collection;
import java.util.Map;

/**
 * Names a new slot: by the probe's serial when it is printable and no other present probe shares it, else by its
 * USB port path (clone probes often share one serial or report binary garbage), unless the configuration gives a
 * name for either key.
 */
final class SlotNaming {

    private SlotNaming() {
    }

    /** The key that identifies {@code device} on this station: its serial or its port. */
    static String key(UsbDeviceInfo device, Collection<UsbDeviceInfo> others) {
        String serial = device.serial();
        boolean usable = SerialText.printable(serial) && others.stream()
                .filter(other -> !samePort(other, device))
                .noneMatch(other -> serial.equals(other.serial()));
        return usable ? serial : "port-" + device.portPath();
    }

    /** The configuration of the slot with {@code key}; it may also be configured by its port path. */
    static SlotConfig config(String key, UsbDeviceInfo device, Map<String, SlotConfig> configured) {
        SlotConfig byKey = configured.get(key);
        if (byKey != null) {
            return byKey;
        }
        return configured.getOrDefault("port-" + device.portPath(), SlotConfig.DEFAULT);
    }

    private static boolean samePort(UsbDeviceInfo a, UsbDeviceInfo b) {
        return a.busNumber() == b.busNumber() && a.portPath().equals(b.portPath());
    }
}
