package io.flashstation.probe;

/** Little-endian integer fields: the byte order of CMSIS-DAP, ST-Link and J-Link messages alike. */
public final class LittleEndian {

    private LittleEndian() {
    }

    public static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    public static int u32(byte[] bytes, int offset) {
        return u16(bytes, offset) | u16(bytes, offset + 2) << 16;
    }

    public static void putU16(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
    }

    public static void putU32(byte[] bytes, int offset, int value) {
        putU16(bytes, offset, value);
        putU16(bytes, offset + 2, value >>> 16);
    }
}
