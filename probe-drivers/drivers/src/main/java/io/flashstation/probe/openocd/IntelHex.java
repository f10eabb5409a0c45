package io.flashstation.probe.openocd;

import io.flashstation.probe.target.ImageSegment;
import java.util.List;

/**
 * Writes segments as Intel HEX (Intel, "Hexadecimal Object File Format Specification" rev. A): data records of at
 * most 16 bytes, an extended linear address record (type 04) whenever the upper half of the address changes, and the
 * end-of-file record (type 01).
 */
final class IntelHex {

    private static final int BYTES_PER_RECORD = 16;
    private static final int DATA = 0x00;
    private static final int END_OF_FILE = 0x01;
    private static final int EXTENDED_LINEAR_ADDRESS = 0x04;

    private IntelHex() {
    }

    static String encode(List<ImageSegment> segments) {
        StringBuilder hex = new StringBuilder();
        long upper = -1;
        for (ImageSegment segment : segments) {
            byte[] bytes = segment.bytes();
            int offset = 0;
            while (offset < bytes.length) {
                long address = Integer.toUnsignedLong(segment.address()) + offset;
                if (address >>> 16 != upper) {
                    upper = address >>> 16;
                    record(hex, EXTENDED_LINEAR_ADDRESS, 0, new byte[] {(byte) (upper >>> 8), (byte) upper}, 0, 2);
                }
                // a record's 16-bit address must not wrap, so a record stops at the next 64 KiB boundary
                int room = (int) (0x1_0000 - (address & 0xFFFF));
                int length = Math.min(Math.min(BYTES_PER_RECORD, room), bytes.length - offset);
                record(hex, DATA, (int) (address & 0xFFFF), bytes, offset, length);
                offset += length;
            }
        }
        record(hex, END_OF_FILE, 0, new byte[0], 0, 0);
        return hex.toString();
    }

    private static void record(StringBuilder hex, int type, int address, byte[] data, int offset, int length) {
        int sum = length + (address >>> 8) + (address & 0xFF) + type;
        hex.append(String.format(":%02X%04X%02X", length, address, type));
        for (int i = offset; i < offset + length; i++) {
            int value = data[i] & 0xFF;
            sum += value;
            hex.append(String.format("%02X", value));
        }
        hex.append(String.format("%02X\n", (-sum) & 0xFF));
    }
}
