package io.flashstation.sim.bytes;

/** Little-endian integer fields, the byte order of every probe protocol the lab speaks (ST-Link, J-Link, CMSIS-DAP). */
public final class LittleEndian {

    private LittleEndian() {
    }

    public static int u8(byte[] bytes, int offset) {
        return bytes[offset] & 0xFF;
    }

    public static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    public static int u24(byte[] bytes, int offset) {
        return u16(bytes, offset) | (bytes[offset + 2] & 0xFF) << 16;
    }

    public static int u32(byte[] bytes, int offset) {
        return u24(bytes, offset) | (bytes[offset + 3] & 0xFF) << 24;
    }

    public static void putU16(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
    }

    public static void putU32(byte[] bytes, int offset, int value) {
        putU16(bytes, offset, value);
        putU16(bytes, offset + 2, value >>> 16);
    }

    /** A 4-byte array holding one u32. */
    public static byte[] u32Bytes(int value) {
        byte[] bytes = new byte[4];
        putU32(bytes, 0, value);
        return bytes;
    }
}
