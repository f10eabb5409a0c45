package io.flashstation.sim.target;

import java.util.SplittableRandom;

/**
 * On-chip SRAM at 0x20000000. Its content survives a system reset; at power-up it holds noise, as real SRAM does,
 * but deterministic noise seeded from the chip's UID, so a run is reproducible while code that assumes zeroed RAM
 * still shows its bug. Size per part: 128 KiB on the F411, 96 KiB on the F401xE, 64 KiB on the F401xC
 * (DS10314 / DS10086 / DS9716 feature tables).
 */
final class Sram {

    static final int BASE = 0x2000_0000;

    private final byte[] cells;
    private final long seed;

    Sram(ChipVariant variant, byte[] uid) {
        this.cells = new byte[sizeOf(variant)];
        long mixed = 0;
        for (byte b : uid) {
            mixed = mixed * 31 + b;
        }
        this.seed = mixed;
    }

    static int sizeOf(ChipVariant variant) {
        return switch (variant) {
            case STM32F411CE -> 128 * 1024;
            case STM32F401CE -> 96 * 1024;
            case STM32F401CC -> 64 * 1024;
        };
    }

    int size() {
        return cells.length;
    }

    void powerUp() {
        new SplittableRandom(seed).nextBytes(cells);
    }

    BusResponse read(int offset, AccessSize size, long now) {
        return BusResponse.okay(LittleEndian.read(cells, offset, size), now);
    }

    BusResponse write(int offset, AccessSize size, int value, long now) {
        LittleEndian.write(cells, offset, size, value);
        return BusResponse.okay(0, now);
    }
}
