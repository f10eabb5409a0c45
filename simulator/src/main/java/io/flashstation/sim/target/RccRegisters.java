package io.flashstation.sim.target;

import java.util.Arrays;

/**
 * RCC at 0x40023800 as plain read/write storage with the reset values of the registers tools read
 * (stm32f411-target.md §12.2 step 7: OpenOCD's reset-init writes PLLCFGR, CFGR and CR and never waits for a ready
 * flag). Clocks are not modelled, so ready flags never follow their enables; registers not listed reset to 0.
 */
final class RccRegisters {

    static final int SIZE = 0x400;

    private static final int CR = 0x00;
    private static final int PLLCFGR = 0x04;
    private static final int CSR = 0x74;
    private static final int PLLI2SCFGR = 0x84;

    private final int[] words = new int[SIZE / 4];

    RccRegisters() {
        reset();
    }

    // Reset values per RM0383: HSI on and ready with the default trim; PLL dividers at their documented defaults;
    // CSR reporting a power-on (PORRSTF, PINRSTF, BORRSTF).
    void reset() {
        Arrays.fill(words, 0);
        words[CR / 4] = 0x0000_0083;
        words[PLLCFGR / 4] = 0x2400_3010;
        words[CSR / 4] = 0x0E00_0000;
        words[PLLI2SCFGR / 4] = 0x2400_3000;
    }

    BusResponse read(int offset, AccessSize size, long now) {
        return BusResponse.okay(RegisterWrite.readLanes(words[offset / 4], offset, size), now);
    }

    BusResponse write(int offset, AccessSize size, int value, long now) {
        words[offset / 4] = RegisterWrite.of(offset, size, value).mergeInto(words[offset / 4]);
        return BusResponse.okay(0, now);
    }
}
