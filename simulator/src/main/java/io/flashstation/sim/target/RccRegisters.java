package io.flashstation.sim.target;

import java.util.Arrays;

/**
 * RCC at 0x40023800: the registers tools read and write, with the clock tree as far as the core's speed depends on
 * it: HSI 16 MHz, the BlackPill's 25 MHz HSE crystal (circuitpython-blackpill.md), the main PLL, SW/SWS and the
 * AHB prescaler. Field positions (PLLM 5:0, PLLN 14:6, PLLP 17:16, PLLSRC 22, SW 1:0, SWS 3:2, HPRE 7:4) are RM0383
 * §6 as remembered, UNCONFIRMED; PLLM/N/P agree with OpenOCD's reset-init value giving 64 MHz (§12.2 step 7).
 * OpenOCD's reset-init (stm32f411-target.md §12.2 step 7) turns the PLL on and selects it without waiting for
 * PLLRDY; so ready flags follow their enables at once (oscillator start-up and PLL lock times, tens to hundreds of
 * microseconds, are not modelled) and SWS follows SW whenever the selected source is ready. Registers not listed
 * reset to 0 and are plain storage.
 */
final class RccRegisters {

    static final int SIZE = 0x400;

    /** The internal RC oscillator the chip starts on. */
    static final long HSI_HZ = 16_000_000L;
    /** The WeAct BlackPill's crystal (circuitpython-blackpill.md: 25 MHz HSE). */
    static final long HSE_HZ = 25_000_000L;

    private static final int CR = 0x00;
    private static final int PLLCFGR = 0x04;
    private static final int CFGR = 0x08;
    private static final int CSR = 0x74;
    private static final int PLLI2SCFGR = 0x84;
    private static final int HSION = 1;
    private static final int HSEON = 1 << 16;
    private static final int PLLON = 1 << 24;
    private static final int PLLI2SON = 1 << 26;
    private static final int READY_FLAGS = (HSION | HSEON | PLLON | PLLI2SON) << 1; // each xxRDY sits one above its enable
    private static final int PLLSRC_HSE = 1 << 22;

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
        return BusResponse.okay(RegisterWrite.readLanes(word(offset & ~3), offset, size), now);
    }

    BusResponse write(int offset, AccessSize size, int value, long now) {
        int index = offset / 4;
        int merged = RegisterWrite.of(offset, size, value).mergeInto(words[index]);
        words[index] = (offset & ~3) == CR ? (merged & ~READY_FLAGS) | ((merged & (READY_FLAGS >>> 1)) << 1) : merged;
        return BusResponse.okay(0, now);
    }

    private int word(int offset) {
        int value = words[offset / 4];
        if (offset == CFGR) {
            return (value & ~0xC) | (activeSource() << 2); // SWS
        }
        return value;
    }

    /** SW if the source it selects is running, else HSI (RM0383: the switch waits for the source to be ready). */
    private int activeSource() {
        int requested = words[CFGR / 4] & 3;
        int cr = words[CR / 4];
        return switch (requested) {
            case 1 -> (cr & HSEON) != 0 ? 1 : 0;
            case 2 -> (cr & PLLON) != 0 ? 2 : 0;
            default -> 0;
        };
    }

    /** HCLK: SYSCLK (HSI, HSE or PLLCLK = input / M × N / P) through the AHB prescaler HPRE. */
    long hclkHz() {
        long sysclk = switch (activeSource()) {
            case 1 -> HSE_HZ;
            case 2 -> pllOutputHz();
            default -> HSI_HZ;
        };
        int hpre = (words[CFGR / 4] >>> 4) & 0xF;
        int[] shifts = {1, 2, 3, 4, 6, 7, 8, 9}; // HPRE 1000..1111: /2 /4 /8 /16 /64 /128 /256 /512
        return hpre < 8 ? sysclk : sysclk >> shifts[hpre - 8];
    }

    private long pllOutputHz() {
        int cfg = words[PLLCFGR / 4];
        long input = (cfg & PLLSRC_HSE) != 0 ? HSE_HZ : HSI_HZ;
        int m = cfg & 0x3F;
        int n = (cfg >>> 6) & 0x1FF;
        int p = 2 * (((cfg >>> 16) & 3) + 1);
        if (m < 2 || n < 2) {
            return HSI_HZ; // a configuration RM0383 forbids; the PLL would not lock, keep the core alive on HSI
        }
        return input / m * n / p;
    }
}
