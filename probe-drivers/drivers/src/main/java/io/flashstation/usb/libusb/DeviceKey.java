package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;

/**
 * What tells one attached device from another without talking to it: everything here comes from libusb's cached
 * device descriptor and topology, so a whole bus can be keyed on every poll without any USB traffic. The address
 * changes on every replug, so a probe unplugged and plugged back into the same socket is a new key.
 */
record DeviceKey(int busNumber, int address, PortPath portPath, int vendorId, int productId) {

    /** The key as built from the raw values libusb hands out (signed Java bytes and shorts). */
    static DeviceKey of(int busNumber, int address, byte[] portNumbers, int portCount, short idVendor,
                        short idProduct) {
        return new DeviceKey(busNumber, address, PortPath.of(busNumber, portNumbers, portCount),
                Short.toUnsignedInt(idVendor), Short.toUnsignedInt(idProduct));
    }

    /** The key of a device this bus described earlier. */
    static DeviceKey of(UsbDeviceInfo device) {
        return new DeviceKey(device.busNumber(), device.address(), PortPath.parse(device.portPath()),
                device.vendorId(), device.productId());
    }

    @Override
    public String toString() {
        return String.format("%04x:%04x at %s", vendorId, productId, portPath);
    }
}
