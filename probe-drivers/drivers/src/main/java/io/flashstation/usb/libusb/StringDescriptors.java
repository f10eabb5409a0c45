package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbControlSetup;
import org.usb4java.LibUsb;

/**
 * Decodes USB string descriptors (USB 2.0 §9.6.7): bLength, bDescriptorType = 3, then UTF-16LE code units.
 * Code units are kept exactly as sent, including unprintable ones, because old ST-Link V2 firmware puts a raw
 * 12-byte binary serial into the serial string, one byte per code unit (stlink.md §1). libusb's own ASCII helper
 * would turn every byte above 0x7F into '?' and make two such probes indistinguishable.
 */
final class StringDescriptors {

    /** US English, the language the Linux kernel assumes when a device lists none (usb_get_langid). */
    static final int DEFAULT_LANGUAGE = 0x0409;

    /** A string descriptor's bLength is one byte, so 255 bytes always hold a whole descriptor. */
    static final int MAX_LENGTH = 255;

    private static final int HEADER = 2;

    /** bmRequestType of a standard GET_DESCRIPTOR: device to host, standard, to the device (USB 2.0 §9.4). */
    private static final int STANDARD_DEVICE_TO_HOST = 0x80;

    private StringDescriptors() {
    }

    /** The GET_DESCRIPTOR(STRING) request: wValue = type in the high byte and index in the low, wIndex = LANGID. */
    static UsbControlSetup request(int index, int language) {
        return new UsbControlSetup(STANDARD_DEVICE_TO_HOST, LibUsb.REQUEST_GET_DESCRIPTOR,
                LibUsb.DT_STRING << 8 | index, language);
    }

    /**
     * The language to ask strings in, from string descriptor 0 (its body is the list of supported LANGIDs).
     * A descriptor too short to hold one LANGID falls back to US English as the kernel does; a descriptor of the
     * wrong type gives -1, meaning the device's strings cannot be read.
     *
     * @param received how many bytes of {@code descriptor} the device sent
     */
    static int firstLanguage(byte[] descriptor, int received) {
        if (received < HEADER || descriptor[1] != LibUsb.DT_STRING) {
            return -1;
        }
        int length = Math.min(received, Byte.toUnsignedInt(descriptor[0]));
        if (length < HEADER + 2) {
            return DEFAULT_LANGUAGE;
        }
        return Byte.toUnsignedInt(descriptor[2]) | Byte.toUnsignedInt(descriptor[3]) << 8;
    }

    /**
     * The text of a string descriptor, or null when what arrived is not one: wrong type, or a bLength that claims
     * more bytes than were received. An odd trailing byte is not a whole code unit and is dropped.
     *
     * @param received how many bytes of {@code descriptor} the device sent
     */
    static String decode(byte[] descriptor, int received) {
        if (received < HEADER || descriptor[1] != LibUsb.DT_STRING) {
            return null;
        }
        int length = Byte.toUnsignedInt(descriptor[0]);
        if (length < HEADER || length > received) {
            return null;
        }
        char[] text = new char[(length - HEADER) / 2];
        for (int i = 0; i < text.length; i++) {
            int at = HEADER + 2 * i;
            text[i] = (char) (Byte.toUnsignedInt(descriptor[at]) | Byte.toUnsignedInt(descriptor[at + 1]) << 8);
        }
        return new String(text);
    }
}
