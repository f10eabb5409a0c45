package io.flashstation.probe.target;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.arm.CortexM;
import io.flashstation.probe.arm.HostWaits;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.usb.HostClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One of our routines (src/main/loader) run on the halted core from the start of SRAM: loaded once, started with
 * its register arguments, and known finished when the core halts on the routine's own BKPT. Before the first load
 * the core is switched to 64 MHz (HSI through the PLL, the values OpenOCD's reset-init uses: stm32f411-target.md
 * §12.2 step 7; two flash wait states as OpenOCD sets them, at least what RM0383's wait-state table asks for 64 MHz at
 * 2.7–3.6 V as remembered, UNCONFIRMED); the reset that ends a session puts the chip back on HSI.
 */
final class TargetRoutine {

    /** Where routines are loaded: the start of SRAM. */
    static final int BASE = 0x2000_0000;
    /** The core clock routines run at. */
    static final long CORE_HZ = 64_000_000L;

    private static final int RCC_CR = 0x4002_3800;
    private static final int RCC_PLLCFGR = 0x4002_3804;
    private static final int RCC_CFGR = 0x4002_3808;
    private static final int FLASH_ACR = 0x4002_3C00;
    /** HSI / M 8 × N 128 / P 4 = 64 MHz, Q 8. */
    private static final int PLLCFGR_64MHZ = 0x0801_2008;
    private static final int ACR_PREFETCH_TWO_WAIT_STATES = 0x0000_0102;
    private static final int CR_PLLON = 1 << 24;
    private static final int CR_PLLRDY = 1 << 25;
    private static final int CFGR_PPRE1_DIV2 = 0x1000; // APB1 must stay at or below 50 MHz
    private static final int CFGR_SW_MASK = 0x3;
    private static final int CFGR_SW_PLL = 0x2;
    private static final int CFGR_SWS_MASK = 0xC;
    private static final int CFGR_SWS_PLL = 0x8;
    private static final int XPSR_THUMB = 1 << 24;
    private static final long POLL_NANOS = 20_000;
    private static final long CLOCK_TIMEOUT_NANOS = 10_000_000L;

    private final MemAp mem;
    private final CortexM core;
    private final HostClock clock;
    private final int[] code;
    private final int breakpointAddress;
    private boolean loaded;

    /** @param resource the routine's blob beside this class; it must contain a {@code BKPT #breakpoint} */
    TargetRoutine(MemAp mem, String resource, int breakpoint) {
        this.mem = mem;
        this.core = new CortexM(mem);
        this.clock = mem.debugPort().clock();
        byte[] bytes = blob(resource);
        this.code = words(bytes);
        this.breakpointAddress = BASE + offsetOf(bytes, 0xBE00 | breakpoint, resource);
    }

    HostClock clock() {
        return clock;
    }

    /** Speeds the core up and loads the routine, the first time only. */
    void load() throws ProbeException, RoutineUnavailableException {
        if (loaded) {
            return;
        }
        int cfgr = mem.readWord(RCC_CFGR);
        if ((cfgr & CFGR_SWS_MASK) != CFGR_SWS_PLL) { // an earlier routine of this session may have done it
            // the PLL may only be configured while it is off (RM0383 RCC_PLLCFGR, as remembered); it is off after
            // a reset
            mem.writeWord(FLASH_ACR, ACR_PREFETCH_TWO_WAIT_STATES);
            mem.writeWord(RCC_PLLCFGR, PLLCFGR_64MHZ);
            mem.writeWord(RCC_CR, mem.readWord(RCC_CR) | CR_PLLON);
            awaitRegister(RCC_CR, CR_PLLRDY, CR_PLLRDY, "PLLRDY");
            mem.writeWord(RCC_CFGR, (cfgr & ~CFGR_SW_MASK) | CFGR_PPRE1_DIV2 | CFGR_SW_PLL);
            awaitRegister(RCC_CFGR, CFGR_SWS_MASK, CFGR_SWS_PLL, "the switch to the PLL");
        }
        mem.writeWords(BASE, code, 0, code.length);
        loaded = true;
    }

    /** Sets r0.. to {@code arguments} and lets the core run the routine from its start. */
    void start(int... arguments) throws ProbeException, RoutineUnavailableException {
        load();
        for (int r = 0; r < arguments.length; r++) {
            core.writeCoreRegister(r, arguments[r]);
        }
        core.writeCoreRegister(CortexM.REG_XPSR, XPSR_THUMB);
        core.writeCoreRegister(CortexM.REG_PC, BASE);
        core.resume();
    }

    /**
     * Waits until the routine halts on its BKPT: first {@code expectedNanos}, then polling up to as long again
     * plus a margin. Throws {@link RoutineUnavailableException} (with the core halted) if it does not.
     */
    void awaitBreakpoint(long expectedNanos) throws ProbeException, RoutineUnavailableException {
        HostWaits.sleep(clock, expectedNanos);
        long deadline = clock.nanos() + expectedNanos + CLOCK_TIMEOUT_NANOS;
        while (!core.isHalted()) {
            if (clock.nanos() >= deadline) {
                core.halt();
                throw new RoutineUnavailableException("the routine did not finish within " + (2 * expectedNanos + CLOCK_TIMEOUT_NANOS)
                        / 1_000_000 + " ms");
            }
            HostWaits.sleep(clock, POLL_NANOS);
        }
        int pc = core.readCoreRegister(CortexM.REG_PC);
        if (pc != breakpointAddress) {
            throw new RoutineUnavailableException(String.format("the routine stopped at 0x%08X, not on its breakpoint", pc));
        }
    }

    int register(int r) throws ProbeException {
        return core.readCoreRegister(r);
    }

    /** Nanoseconds {@code cycles} take at the routine's clock. */
    static long nanosOf(long cycles) {
        return cycles * 1_000_000_000L / CORE_HZ;
    }

    private void awaitRegister(int register, int mask, int value, String what) throws ProbeException, RoutineUnavailableException {
        long deadline = clock.nanos() + CLOCK_TIMEOUT_NANOS;
        while ((mem.readWord(register) & mask) != value) {
            if (clock.nanos() >= deadline) {
                throw new RoutineUnavailableException("the RCC never reported " + what);
            }
            HostWaits.sleep(clock, POLL_NANOS);
        }
    }

    private static byte[] blob(String resource) {
        try (InputStream in = TargetRoutine.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the driver's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] words(byte[] bytes) {
        int[] words = new int[(bytes.length + 3) / 4];
        for (int i = 0; i < bytes.length; i++) {
            words[i / 4] |= (bytes[i] & 0xFF) << (8 * (i % 4));
        }
        return words;
    }

    private static int offsetOf(byte[] code, int halfword, String resource) {
        for (int i = 0; i + 1 < code.length; i += 2) {
            if (((code[i] & 0xFF) | (code[i + 1] & 0xFF) << 8) == halfword) {
                return i;
            }
        }
        throw new IllegalStateException(resource + " has no BKPT #0x" + Integer.toHexString(halfword & 0xFF));
    }
}
