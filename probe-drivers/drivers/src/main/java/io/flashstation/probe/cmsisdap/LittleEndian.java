package io.flashstation.probe.cmsisdap;

/** CMSIS-DAP's multi-byte fields are little-endian (cmsis-dap.md §1). */
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
}
