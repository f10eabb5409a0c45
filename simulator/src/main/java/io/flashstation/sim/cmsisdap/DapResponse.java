package io.flashstation.sim.cmsisdap;

import java.util.Arrays;

/** A growing answer packet, little-endian fields; headers can be filled in once a command knows its outcome. */
final class DapResponse {

    private byte[] bytes = new byte[64];
    private int length;

    DapResponse u8(int value) {
        ensure(1);
        bytes[length++] = (byte) value;
        return this;
    }

    DapResponse u16(int value) {
        return u8(value).u8(value >>> 8);
    }

    DapResponse u32(int value) {
        return u16(value).u16(value >>> 16);
    }

    DapResponse bytes(byte[] values) {
        ensure(values.length);
        System.arraycopy(values, 0, bytes, length, values.length);
        length += values.length;
        return this;
    }

    /** Reserves {@code count} bytes to be filled in later and returns where they start. */
    int reserve(int count) {
        int at = length;
        for (int i = 0; i < count; i++) {
            u8(0);
        }
        return at;
    }

    void setU8(int at, int value) {
        bytes[at] = (byte) value;
    }

    void setU16(int at, int value) {
        setU8(at, value);
        setU8(at + 1, value >>> 8);
    }

    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
