package io.flashstation.sim.jlink;

/** Bit arrays as J-Link packs them: one bit per clock, LSB of byte 0 first (jlink.md §2, §3.1). */
final class Bits {

    private Bits() {
    }

    /** ⌈bits/8⌉: the bytes holding {@code bits} clocks. */
    static int bytesFor(int bits) {
        return (bits + 7) / 8;
    }

    static boolean get(byte[] bits, int index) {
        return (bits[index / 8] >> index % 8 & 1) != 0;
    }

    /** Sets bit {@code index} when {@code level} is high; arrays start at 0, so low bits need no write. */
    static void setIfHigh(byte[] bits, int index, boolean level) {
        if (level) {
            bits[index / 8] |= (byte) (1 << index % 8);
        }
    }
}
