package io.flashstation.usb;

import java.util.List;
import java.util.Optional;

/**
 * One interface (alternate setting 0 unless stated) of a device's active configuration.
 *
 * @param name the iInterface string (CMSIS-DAP probes are recognised by it), null when absent
 */
public record UsbInterfaceInfo(
        int number,
        int alternateSetting,
        int interfaceClass,
        int interfaceSubClass,
        int interfaceProtocol,
        String name,
        List<UsbEndpointInfo> endpoints) {

    /** USB class code of HID interfaces. */
    public static final int CLASS_HID = 0x03;
    /** USB class code of vendor-specific interfaces. */
    public static final int CLASS_VENDOR_SPECIFIC = 0xFF;

    public UsbInterfaceInfo {
        endpoints = List.copyOf(endpoints);
    }

    /** The first endpoint of this type and direction, if any. */
    public Optional<UsbEndpointInfo> findEndpoint(UsbTransferType type, boolean in) {
        return endpoints.stream().filter(e -> e.type() == type && e.isIn() == in).findFirst();
    }
}
