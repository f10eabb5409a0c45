package io.flashstation.sim.core;

import io.flashstation.sim.target.AccessSize;
import io.flashstation.sim.target.AhbBus;
import io.flashstation.sim.target.BusResponse;

/**
 * The Cortex-M4 register file and run state: what the debugger reaches through DCRSR/DCRDR and what the Thumb-2
 * interpreter ({@code io.flashstation.sim.cpu.ThumbExecutor}) executes on. Register numbers are the DCRSR REGSEL values of stm32f411-target.md §10.
 */
public final class CoreState {

    public static final int SP = 13;
    public static final int LR = 14;
    public static final int PC = 15;
    public static final int XPSR = 16;
    public static final int MSP = 17;
    public static final int PSP = 18;
    /** CONTROL[31:24], FAULTMASK[23:16], BASEPRI[15:8], PRIMASK[7:0] in one word. */
    public static final int SPECIAL = 0x14;
    public static final int FPSCR = 0x21;
    public static final int S0 = 0x40;
    public static final int S31 = 0x5F;

    /** Reset vector table: initial SP, then the reset handler (BOOT0 = 0 maps flash at 0). */
    public static final int VECTOR_TABLE = 0x0800_0000;
    // A vector fetch that bus-faults yields all ones (PC 0xFFFFFFFE, MSP 0xFFFFFFFC once aligned)
    private static final int UNFETCHED_VECTOR = 0xFFFF_FFFF;
    /** EPSR.T: the core executes Thumb only. */
    public static final int XPSR_THUMB = 1 << 24;

    private static final int XPSR_WRITABLE = 0xFF0F_FDFF;
    private static final int CONTROL_SPSEL = 1 << 1;
    private static final int CONTROL_BITS = 0x7;
    private static final int BASEPRI_BITS = 0xF0; // STM32F4 implements 4 priority bits
    private static final int FPSCR_WRITABLE = 0xF7C0_009F;

    private final int[] r = new int[13];
    private final int[] s = new int[32];
    private int lr;
    private int pc;
    private int xpsr;
    private int msp;
    private int psp;
    private int control;
    private int faultmask;
    private int basepri;
    private int primask;
    private int fpscr;
    private RunState runState = RunState.RUNNING;

    public RunState runState() {
        return runState;
    }

    public void setRunState(RunState state) {
        runState = state;
    }

    /** True for the REGSEL values of ARMv7-M with the FP extension. */
    public static boolean isRegister(int regsel) {
        return regsel <= XPSR || regsel == MSP || regsel == PSP || regsel == SPECIAL || regsel == FPSCR
                || (regsel >= S0 && regsel <= S31);
    }

    /** Reads register {@code regsel}; SP is the stack pointer CONTROL.SPSEL selects. */
    public int read(int regsel) {
        if (regsel < SP) {
            return r[regsel];
        }
        if (regsel >= S0 && regsel <= S31) {
            return s[regsel - S0];
        }
        return switch (regsel) {
            case SP -> usesProcessStack() ? psp : msp;
            case LR -> lr;
            case PC -> pc;
            case XPSR -> xpsr;
            case MSP -> msp;
            case PSP -> psp;
            case SPECIAL -> (control << 24) | (faultmask << 16) | (basepri << 8) | primask;
            case FPSCR -> fpscr;
            default -> throw new IllegalArgumentException("no core register " + regsel);
        };
    }

    /** Writes register {@code regsel}; bits a Cortex-M4 does not implement are dropped. */
    public void write(int regsel, int value) {
        if (regsel < SP) {
            r[regsel] = value;
        } else if (regsel >= S0 && regsel <= S31) {
            s[regsel - S0] = value;
        } else {
            switch (regsel) {
                case SP -> {
                    if (usesProcessStack()) {
                        psp = value & ~3;
                    } else {
                        msp = value & ~3;
                    }
                }
                case LR -> lr = value;
                case PC -> pc = value;
                case XPSR -> xpsr = value & XPSR_WRITABLE;
                case MSP -> msp = value & ~3;
                case PSP -> psp = value & ~3;
                case SPECIAL -> {
                    control = (value >>> 24) & CONTROL_BITS;
                    faultmask = (value >>> 16) & 1;
                    basepri = (value >>> 8) & BASEPRI_BITS;
                    primask = value & 1;
                }
                case FPSCR -> fpscr = value & FPSCR_WRITABLE;
                default -> throw new IllegalArgumentException("no core register " + regsel);
            }
        }
    }

    /**
     * The reset behaviour of ARMv7-M (TakeReset): special registers cleared, MSP and PC loaded from the vector
     * table through {@code bus}, EPSR.T from bit 0 of the reset vector. A vector that cannot be fetched (flash
     * blocked by read protection while a debugger is attached) leaves the values a Cortex-M shows in lockup,
     * PC 0xFFFFFFFE and MSP 0xFFFFFFFC: what OpenOCD prints after `reset halt` on a read-protected STM32. The first
     * instruction fetch from there faults, and so does stacking for the HardFault, so the core locks up unless the
     * debugger halts it first.
     */
    public void takeReset(AhbBus bus) {
        control = 0;
        faultmask = 0;
        basepri = 0;
        primask = 0;
        fpscr = 0;
        lr = 0xFFFF_FFFF; // ARMv7-M resets LR to an UNKNOWN value; all ones is what Cortex-M4 shows
        BusResponse stack = bus.read(VECTOR_TABLE, AccessSize.WORD);
        BusResponse entry = bus.read(VECTOR_TABLE + 4, AccessSize.WORD);
        int stackValue = stack.ok() ? stack.data() : UNFETCHED_VECTOR;
        int entryValue = entry.ok() ? entry.data() : UNFETCHED_VECTOR;
        msp = stackValue & ~3;
        pc = entryValue & ~1;
        xpsr = (entryValue & 1) != 0 ? XPSR_THUMB : 0;
    }

    private boolean usesProcessStack() {
        // thread mode (IPSR = 0) with CONTROL.SPSEL selects PSP
        return (control & CONTROL_SPSEL) != 0 && (xpsr & 0x1FF) == 0;
    }
}
