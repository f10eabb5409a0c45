package io.flashstation.probe.jlink;

/** What the J-Link sampled on SWDIO during an SWD I/O call, one bit per clock, LSB first (jlink.md §3.1). */
final class CapturedBits {

    private final byte[] bytes;

    CapturedBits(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    boolean bit(int position) {
        return (bytes[position >> 3] >> (position & 7) & 1) != 0;
    }

    /** {@code count} (≤ 32) bits from {@code position}, the first one least significant. */
    int bits(int position, int count) {
        int value = 0;
        for (int i = 0; i < count; i++) {
            if (bit(position + i)) {
                value |= 1 << i;
            }
        }
        return value;
    }
}
