package io.flashstation.usb;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Identity of one USB device as read from its descriptors and its place on the bus.
 *
 * @param vendorId          idVendor
 * @param productId         idProduct
 * @param deviceVersionBcd  bcdDevice (probe firmwares encode hardware revisions here)
 * @param serial            iSerialNumber string as decoded, may hold unprintable characters; null when absent
 * @param manufacturer      iManufacturer string, null when absent
 * @param product           iProduct string, null when absent
 * @param portPath          physical position, e.g. "1-2.4" (bus 1, hub port 2, port 4); stable across replugs
 * @param busNumber         bus number
 * @param address           device address on the bus; changes on every replug
 * @param speed             negotiated link speed
 * @param interfaces        the active configuration's interfaces
 */
public record UsbDeviceInfo(
        int vendorId,
        int productId,
        int deviceVersionBcd,
        String serial,
        String manufacturer,
        String product,
        String portPath,
        int busNumber,
        int address,
        UsbSpeed speed,
        List<UsbInterfaceInfo> interfaces) {

    public UsbDeviceInfo {
        Objects.requireNonNull(portPath, "portPath");
        Objects.requireNonNull(speed, "speed");
        interfaces = List.copyOf(interfaces);
    }

    /** The interface with this number, if the device has one. */
    public Optional<UsbInterfaceInfo> findInterface(int number) {
        return interfaces.stream().filter(i -> i.number() == number).findFirst();
    }

    /** "vvvv:pppp" in lower-case hex, as lsusb prints it. */
    public String vidPid() {
        return String.format("%04x:%04x", vendorId, productId);
    }

    @Override
    public String toString() {
        return vidPid() + " at " + portPath + (product == null ? "" : " (" + product + ")");
    }
}
