package io.flashstation.sim.target;

import java.util.function.IntUnaryOperator;

/**
 * Byte-lane arithmetic of the little-endian AHB: how byte storage turns into right-aligned access data and back.
 * Every region of the system bus goes through here, so the lane rule lives in one place.
 */
final class LittleEndian {

    private LittleEndian() {
    }

    /** Assembles {@code size} bytes starting at {@code offset}; the byte at the lowest address lands in bits 7:0. */
    static int read(IntUnaryOperator byteAt, int offset, AccessSize size) {
        int value = 0;
        for (int i = 0; i < size.bytes(); i++) {
            value |= (byteAt.applyAsInt(offset + i) & 0xFF) << (8 * i);
        }
        return value;
    }

    static int read(byte[] memory, int offset, AccessSize size) {
        return read(i -> memory[i], offset, size);
    }

    /** Stores the low {@code size} bytes of {@code value} at {@code offset}. */
    static void write(byte[] memory, int offset, AccessSize size, int value) {
        for (int i = 0; i < size.bytes(); i++) {
            memory[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    /** The low {@code count} bytes of {@code value}, lowest address first. */
    static byte[] bytes(int value, int count) {
        byte[] out = new byte[count];
        for (int i = 0; i < count; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return out;
    }

    /** Where a sub-word access at {@code address} sits inside its 32-bit register: the bit offset of its lowest lane. */
    static int laneShift(int address) {
        return 8 * (address & 3);
    }
}
