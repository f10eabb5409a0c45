package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbTransferType;
import org.usb4java.LibUsb;

import java.util.List;

/**
 * Turns descriptor fields, as usb4java returns them (signed bytes and shorts of the C structs), into the seam's
 * records. Descriptor layouts are USB 2.0 §9.6; speeds are libusb's enum values.
 */
final class DescriptorMapper {

    /** wMaxPacketSize bits 10..0; bits 12..11 count extra high-bandwidth transactions (USB 2.0 §9.6.6). */
    private static final int MAX_PACKET_SIZE_MASK = 0x07FF;

    private DescriptorMapper() {
    }

    /** The negotiated speed from libusb_get_device_speed; SuperSpeed+ counts as SUPER, the seam's fastest. */
    static UsbSpeed speed(int libusbSpeed) {
        return switch (libusbSpeed) {
            case LibUsb.SPEED_LOW -> UsbSpeed.LOW;
            case LibUsb.SPEED_FULL -> UsbSpeed.FULL;
            case LibUsb.SPEED_HIGH -> UsbSpeed.HIGH;
            case LibUsb.SPEED_SUPER, LibUsb.SPEED_SUPER_PLUS -> UsbSpeed.SUPER;
            default -> UsbSpeed.UNKNOWN;
        };
    }

    /** The transfer type held in bits 1..0 of an endpoint's bmAttributes. */
    static UsbTransferType transferType(byte bmAttributes) {
        return switch (bmAttributes & LibUsb.TRANSFER_TYPE_MASK) {
            case LibUsb.TRANSFER_TYPE_CONTROL -> UsbTransferType.CONTROL;
            case LibUsb.TRANSFER_TYPE_ISOCHRONOUS -> UsbTransferType.ISOCHRONOUS;
            case LibUsb.TRANSFER_TYPE_BULK -> UsbTransferType.BULK;
            default -> UsbTransferType.INTERRUPT;
        };
    }

    /** One endpoint descriptor. */
    static UsbEndpointInfo endpoint(byte bEndpointAddress, byte bmAttributes, short wMaxPacketSize, byte bInterval) {
        return new UsbEndpointInfo(Byte.toUnsignedInt(bEndpointAddress), transferType(bmAttributes),
                wMaxPacketSize & MAX_PACKET_SIZE_MASK, Byte.toUnsignedInt(bInterval));
    }

    /** One interface descriptor (one alternate setting) with its already-mapped endpoints and its name string. */
    static UsbInterfaceInfo iface(byte bInterfaceNumber, byte bAlternateSetting, byte bInterfaceClass,
                                  byte bInterfaceSubClass, byte bInterfaceProtocol, String name,
                                  List<UsbEndpointInfo> endpoints) {
        return new UsbInterfaceInfo(Byte.toUnsignedInt(bInterfaceNumber), Byte.toUnsignedInt(bAlternateSetting),
                Byte.toUnsignedInt(bInterfaceClass), Byte.toUnsignedInt(bInterfaceSubClass),
                Byte.toUnsignedInt(bInterfaceProtocol), name, endpoints);
    }

    /**
     * The whole device: its key (position and IDs), bcdDevice, the three identity strings (null when absent or
     * unreadable), the libusb speed value and the active configuration's interfaces.
     */
    static UsbDeviceInfo device(DeviceKey key, short bcdDevice, String manufacturer, String product, String serial,
                                int libusbSpeed, List<UsbInterfaceInfo> interfaces) {
        return new UsbDeviceInfo(key.vendorId(), key.productId(), Short.toUnsignedInt(bcdDevice), serial,
                manufacturer, product, key.portPath().toString(), key.busNumber(), key.address(),
                speed(libusbSpeed), interfaces);
    }
}
