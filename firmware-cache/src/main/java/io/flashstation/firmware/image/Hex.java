package io.flashstation.firmware.image;

/** How addresses are written in every message of this module, so that logs read the same everywhere. */
public final class Hex {

    private Hex() {
    }

    /** A 32-bit address as 0x0800_0000-style text without separators: {@code 0x08000000}. */
    public static String address(long address) {
        return String.format("0x%08X", address);
    }

    /** A half-open range as {@code 0x08000000–0x08003FFF} (the end shown inclusive, as datasheets do). */
    public static String range(long start, long endExclusive) {
        return address(start) + "–" + address(endExclusive - 1);
    }
}
