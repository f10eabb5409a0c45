package io.flashstation.sim.stlink;

/** Little-endian fields of ST-Link command blocks and stlink-server messages. */
final class LittleEndian {

    private LittleEndian() {
    }

    static int u8(byte[] b, int offset) {
        return b[offset] & 0xFF;
    }

    static int u16(byte[] b, int offset) {
        return (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8;
    }

    static int u24(byte[] b, int offset) {
        return u16(b, offset) | (b[offset + 2] & 0xFF) << 16;
    }

    static int u32(byte[] b, int offset) {
        return u24(b, offset) | (b[offset + 3] & 0xFF) << 24;
    }

    static void put16(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
    }

    static void put32(byte[] b, int offset, int value) {
        put16(b, offset, value);
        put16(b, offset + 2, value >>> 16);
    }
}
