package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbControlSetup;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** String descriptors: USB 2.0 §9.6.7 layout, and the raw binary ST-Link serial of stlink.md §1. */
class StringDescriptorsTest {

    @Test
    void decodesUtf16LittleEndianText() {
        byte[] descriptor = descriptor("MuseLab CMSIS-DAP".getBytes(StandardCharsets.UTF_16LE));
        assertThat(StringDescriptors.decode(descriptor, descriptor.length)).isEqualTo("MuseLab CMSIS-DAP");
    }

    @Test
    void keepsTheUnprintableBytesOfAnOldStLinkSerial() {
        // stlink.md §1: old V2 firmware sends 12 raw bytes, one per UTF-16 code unit (descriptor length 26)
        byte[] raw = {0x55, (byte) 0xFF, 0x6B, 0x06, 0x49, 0x75, 0x55, 0x49, 0x28, 0x48, 0x10, (byte) 0x87};
        byte[] units = new byte[2 * raw.length];
        for (int i = 0; i < raw.length; i++) {
            units[2 * i] = raw[i];
        }
        byte[] descriptor = descriptor(units);
        assertThat(descriptor[0]).isEqualTo((byte) 26);

        String serial = StringDescriptors.decode(descriptor, descriptor.length);

        assertThat(serial).hasSize(12);
        for (int i = 0; i < raw.length; i++) {
            assertThat((int) serial.charAt(i)).as("code unit %d", i).isEqualTo(Byte.toUnsignedInt(raw[i]));
        }
    }

    @Test
    void keepsCodeUnitsThatAreNotValidUtf16() {
        // a lone surrogate would become U+FFFD through a charset decoder; the serial must stay distinguishable
        byte[] descriptor = descriptor(new byte[]{0x00, (byte) 0xD8, 0x41, 0x00});
        assertThat(StringDescriptors.decode(descriptor, descriptor.length)).isEqualTo("\uD800A");
    }

    @Test
    void emptyStringIsJustTheHeader() {
        assertThat(StringDescriptors.decode(new byte[]{2, 3}, 2)).isEmpty();
    }

    @Test
    void wrongDescriptorTypeIsNotAString() {
        byte[] descriptor = descriptor("abc".getBytes(StandardCharsets.UTF_16LE));
        descriptor[1] = 0x01;
        assertThat(StringDescriptors.decode(descriptor, descriptor.length)).isNull();
    }

    @Test
    void lengthClaimingMoreThanArrivedIsRejected() {
        // the same check OpenOCD applies to the ST-Link serial descriptor (stlink_usb_get_alternate_serial)
        byte[] descriptor = descriptor("abcd".getBytes(StandardCharsets.UTF_16LE));
        assertThat(StringDescriptors.decode(descriptor, descriptor.length - 2)).isNull();
        assertThat(StringDescriptors.decode(descriptor, 1)).isNull();
    }

    @Test
    void oddTrailingByteIsNotHalfACharacter() {
        byte[] descriptor = {5, 3, 'A', 0, 'B'};
        assertThat(StringDescriptors.decode(descriptor, 5)).isEqualTo("A");
    }

    @Test
    void firstLanguageComesFromDescriptorZero() {
        // descriptor 0 lists LANGIDs: here German (0x0407) then US English (0x0409)
        byte[] languages = {6, 3, 0x07, 0x04, 0x09, 0x04};
        assertThat(StringDescriptors.firstLanguage(languages, 6)).isEqualTo(0x0407);
    }

    @Test
    void noLanguageListedFallsBackToUsEnglish() {
        // the Linux kernel's usb_get_langid does the same for a too-short descriptor 0
        assertThat(StringDescriptors.firstLanguage(new byte[]{2, 3}, 2)).isEqualTo(0x0409);
        assertThat(StringDescriptors.firstLanguage(new byte[]{4, 3, 0x09, 0x04}, 3)).isEqualTo(0x0409);
    }

    @Test
    void descriptorZeroOfTheWrongTypeMeansNoStrings() {
        assertThat(StringDescriptors.firstLanguage(new byte[]{4, 2, 0x09, 0x04}, 4)).isEqualTo(-1);
        assertThat(StringDescriptors.firstLanguage(new byte[]{4}, 1)).isEqualTo(-1);
    }

    @Test
    void requestIsAStandardGetDescriptorOfTypeString() {
        // USB 2.0 §9.4.3: bmRequestType 0x80, GET_DESCRIPTOR (6), wValue = type 3 << 8 | index, wIndex = LANGID
        UsbControlSetup setup = StringDescriptors.request(3, 0x0409);
        assertThat(setup).isEqualTo(new UsbControlSetup(0x80, 6, 0x0303, 0x0409));
        assertThat(setup.isIn()).isTrue();
    }

    private static byte[] descriptor(byte[] body) {
        byte[] descriptor = new byte[body.length + 2];
        descriptor[0] = (byte) descriptor.length;
        descriptor[1] = 3;
        System.arraycopy(body, 0, descriptor, 2, body.length);
        return descriptor;
    }
}
