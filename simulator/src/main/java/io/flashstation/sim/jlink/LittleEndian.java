package io.flashstation.sim.jlink;

/** Little-endian field access for J-Link frames: every multi-byte integer on the wire is LE (jlink.md §2). */
final class LittleEndian {

    private LittleEndian() {
    }

    static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    static int u32(byte[] bytes, int offset) {
        return u16(bytes, offset) | u16(bytes, offset + 2) << 16;
    }

    static void putU16(byte[] bytes, int offset, int value) {
        bytes[offset] = (byte) value;
        bytes[offset + 1] = (byte) (value >>> 8);
    }

    static void putU32(byte[] bytes, int offset, int value) {
        putU16(bytes, offset, value);
        putU16(bytes, offset + 2, value >>> 16);
    }

    /** A 4-byte reply holding one u32. */
    static byte[] u32Bytes(int value) {
        byte[] bytes = new byte[4];
        putU32(bytes, 0, value);
        return bytes;
    }
}
