package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers which devices were on the bus at the last look and turns the next look into arrivals and removals.
 * A removal reports the very record that was reported on arrival, so listeners can match the two by equality.
 * Not thread-safe: one dispatcher thread owns it.
 */
final class DeviceListTracker {

    /** What changed between two looks, each list in port-path order. */
    record Changes(List<UsbDeviceInfo> left, List<UsbDeviceInfo> arrived) {

        boolean isEmpty() {
            return left.isEmpty() && arrived.isEmpty();
        }
    }

    private Map<DeviceKey, UsbDeviceInfo> known;

    /** Starts from the devices present now; they are never reported as arrivals. */
    DeviceListTracker(Map<DeviceKey, UsbDeviceInfo> present) {
        this.known = Map.copyOf(present);
    }

    /** Compares a new look at the bus with the previous one and makes it the reference for the next. */
    Changes update(Map<DeviceKey, UsbDeviceInfo> present) {
        List<UsbDeviceInfo> left = known.entrySet().stream()
                .filter(e -> !present.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .sorted(PortPath.DEVICE_ORDER)
                .toList();
        List<UsbDeviceInfo> arrived = present.entrySet().stream()
                .filter(e -> !known.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .sorted(PortPath.DEVICE_ORDER)
                .toList();
        Map<DeviceKey, UsbDeviceInfo> next = new HashMap<>(present);
        // A device that stays keeps the record it arrived with, even if a later description differs.
        known.forEach((key, reported) -> next.computeIfPresent(key, (k, fresh) -> reported));
        known = next;
        return new Changes(left, arrived);
    }
}
