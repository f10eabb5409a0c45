package io.flashstation.probe.jlink;

import java.util.Arrays;

/**
 * The clocks of one SWD I/O call as the J-Link wants them (jlink.md §3.1): per clock a direction bit (1 = the
 * probe drives SWDIO) and an output bit, both LSB first. Released clocks drive 0, as OpenOCD leaves them.
 */
final class SwdIoSequence {

    private byte[] direction = new byte[64];
    private byte[] out = new byte[64];
    private int length;

    /** Clocks so far. */
    int length() {
        return length;
    }

    /** Drives the low {@code bits} bits of {@code value}, least significant first. */
    void drive(long value, int bits) {
        for (int i = 0; i < bits; i++) {
            append(true, ((value >>> i) & 1) != 0);
        }
    }

    /** Drives {@code bits} clocks of the same level. */
    void driveLevel(boolean high, int bits) {
        for (int i = 0; i < bits; i++) {
            append(true, high);
        }
    }

    /** Releases SWDIO for {@code bits} clocks; returns the position of the first of them. */
    int release(int bits) {
        int first = length;
        for (int i = 0; i < bits; i++) {
            append(false, false);
        }
        return first;
    }

    byte[] directionBytes() {
        return Arrays.copyOf(direction, byteCount());
    }

    byte[] outBytes() {
        return Arrays.copyOf(out, byteCount());
    }

    /** Bytes per direction: one bit per clock, the last byte padded. */
    int byteCount() {
        return (length + 7) / 8;
    }

    private void append(boolean drives, boolean level) {
        if (length == direction.length * 8) {
            direction = Arrays.copyOf(direction, direction.length * 2);
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (drives) {
            direction[length >> 3] |= (byte) (1 << (length & 7));
        }
        if (level) {
            out[length >> 3] |= (byte) (1 << (length & 7));
        }
        length++;
    }
}
