package io.flashstation.sim.core;

import io.flashstation.sim.target.AhbBus;

/**
 * The ARMv7-M debug control block (DHCSR, DCRSR, DCRDR, DEMCR) and DFSR, with the halting debug behaviour of
 * stm32f411-target.md §10: the DBGKEY, clear-on-read status bits, register transfers while halted, vector catch
 * on reset and on HardFault, S_SLEEP and S_LOCKUP from the executing core. It owns the core's resets because vector
 * catch decides how a reset ends, and it starts, steps and stops the {@link CoreExecution} attached to it.
 */
public final class DebugControlBlock {

    public static final int DHCSR = 0xDF0;
    public static final int DCRSR = 0xDF4;
    public static final int DCRDR = 0xDF8;
    public static final int DEMCR = 0xDFC;
    public static final int DFSR = 0xD30;

    public static final int C_DEBUGEN = 1;
    public static final int C_HALT = 1 << 1;
    public static final int C_STEP = 1 << 2;
    public static final int C_MASKINTS = 1 << 3;
    public static final int S_REGRDY = 1 << 16;
    public static final int S_HALT = 1 << 17;
    public static final int S_SLEEP = 1 << 18;
    public static final int S_LOCKUP = 1 << 19;
    public static final int S_RETIRE_ST = 1 << 24;
    public static final int S_RESET_ST = 1 << 25;
    public static final int DBGKEY = 0xA05F;

    public static final int DFSR_HALTED = 1;
    public static final int DFSR_BKPT = 1 << 1;
    public static final int DFSR_VCATCH = 1 << 3;

    public static final int VC_CORERESET = 1;
    public static final int VC_HARDERR = 1 << 10;
    private static final int DEMCR_WRITABLE = 0x010F_07F1;
    private static final int DCRSR_REGSEL = 0x7F;
    private static final int DCRSR_REGWNR = 1 << 16;

    private final CoreState core;
    private final AhbBus systemBus;
    private CoreExecution execution;
    private boolean debugEnabled;
    private boolean haltRequested;
    private boolean stepping;
    private boolean maskInterrupts;
    private boolean lockedUp;
    private boolean resetSinceRead;
    private boolean retiredSinceRead;
    private int dcrdr;
    private int demcr;
    private int dfsr;

    /** @param systemBus where the core fetches its reset vectors */
    public DebugControlBlock(CoreState core, AhbBus systemBus) {
        this.core = core;
        this.systemBus = systemBus;
    }

    /** Binds the executing core this block starts, steps and halts (done once, by the debug block). */
    void attach(CoreExecution coreExecution) {
        this.execution = coreExecution;
    }

    /** Power-on: debug configuration cleared (system resets keep it, §12.2), then a core reset. */
    public void powerOn() {
        debugEnabled = false;
        haltRequested = false;
        stepping = false;
        maskInterrupts = false;
        dcrdr = 0;
        demcr = 0;
        dfsr = 0;
        coreReset();
    }

    /**
     * A core reset (SYSRESETREQ, VECTRESET, NRST release, power-on): the core takes its reset vectors and either
     * runs or, with C_DEBUGEN, halts before the first instruction: with DFSR.VCATCH when DEMCR.VC_CORERESET is
     * set, with DFSR.HALTED when C_HALT was left set (DHCSR lives in the debug domain, which a system reset
     * does not touch — the reason OpenOCD clears C_HALT before a plain `reset run`, §12.2 step 3). A first
     * instruction that cannot be fetched (an erased chip, or vectors unreadable) locks a running core up.
     */
    public void coreReset() {
        resetSinceRead = true;
        lockedUp = false;
        core.takeReset(systemBus);
        if (debugEnabled && (demcr & VC_CORERESET) != 0) {
            enterDebug(DFSR_VCATCH);
        } else if (debugEnabled && haltRequested) {
            enterDebug(DFSR_HALTED);
        } else {
            run();
        }
    }

    /** NRST held low: the core stays in reset until released, then resets. */
    public void holdInReset(boolean asserted) {
        if (asserted) {
            resetSinceRead = true;
            core.setRunState(RunState.IN_RESET);
        } else if (core.runState() == RunState.IN_RESET) {
            coreReset();
        }
    }

    /**
     * Enters Debug state for {@code reason} (a DFSR bit): a halt request, vector catch, or the executing core's
     * BKPT and FPB matches.
     * Halting is also the way out of lockup (ARMv7-M B1.5.15, OpenOCD's "clearing lockup after double fault").
     */
    public void enterDebug(int reason) {
        lockedUp = false;
        execution.wake();
        dfsr |= reason;
        haltRequested = true;
        core.setRunState(RunState.HALTED);
    }

    public boolean halted() {
        return core.runState() == RunState.HALTED;
    }

    /** DHCSR.C_DEBUGEN: debug events halt the core rather than escalate to HardFault. */
    boolean haltingDebugEnabled() {
        return debugEnabled;
    }

    /** DEMCR.VC_HARDERR with halting debug enabled: HardFault entry halts the core. */
    boolean catchesHardFault() {
        return debugEnabled && (demcr & VC_HARDERR) != 0;
    }

    public int read(int offset) {
        return switch (offset) {
            case DHCSR -> readDhcsr();
            case DCRDR -> dcrdr;
            case DEMCR -> demcr;
            case DFSR -> dfsr;
            default -> 0; // DCRSR is write-only
        };
    }

    public void write(int offset, int value) {
        switch (offset) {
            case DHCSR -> writeDhcsr(value);
            case DCRSR -> transfer(value);
            case DCRDR -> dcrdr = value;
            case DEMCR -> demcr = value & DEMCR_WRITABLE;
            case DFSR -> dfsr &= ~(value & 0x1F);
            default -> {
            }
        }
    }

    private int readDhcsr() {
        RunState state = core.runState();
        boolean running = state == RunState.RUNNING;
        int value = (debugEnabled ? C_DEBUGEN : 0) | (haltRequested ? C_HALT : 0) | (stepping ? C_STEP : 0)
                | (maskInterrupts ? C_MASKINTS : 0)
                // transfers complete within the DCRSR write, so a halted core is always ready
                | (state == RunState.HALTED ? S_REGRDY | S_HALT : 0)
                | (lockedUp ? S_LOCKUP : 0)
                | (running && execution.sleeping() ? S_SLEEP : 0)
                | (retiredSinceRead || running ? S_RETIRE_ST : 0)
                | (resetSinceRead || state == RunState.IN_RESET ? S_RESET_ST : 0);
        retiredSinceRead = false; // both sticky bits clear on read (§10)
        resetSinceRead = false;
        return value;
    }

    private void writeDhcsr(int value) {
        if ((value >>> 16) != DBGKEY) {
            return; // without the key the write is ignored (§10)
        }
        if ((value & C_DEBUGEN) == 0) {
            debugEnabled = false;
            stepping = false;
            maskInterrupts = false;
            if (halted()) {
                haltRequested = false;
                run();
            }
            return;
        }
        debugEnabled = true;
        boolean halt = (value & C_HALT) != 0;
        if (halted() || halt) {
            maskInterrupts = (value & C_MASKINTS) != 0; // only changeable with the core halted (§10)
        }
        stepping = (value & C_STEP) != 0;
        if (halt) {
            if (!halted() && core.runState() != RunState.IN_RESET) {
                enterDebug(DFSR_HALTED);
            }
            haltRequested = true;
        } else if (halted()) {
            haltRequested = false;
            if (stepping) {
                step();
            } else {
                run();
            }
        }
    }

    private void transfer(int value) {
        int regsel = value & DCRSR_REGSEL;
        if (!halted() || !CoreState.isRegister(regsel)) {
            return; // transfers are only defined in Debug state and for existing registers
        }
        if ((value & DCRSR_REGWNR) != 0) {
            core.write(regsel, dcrdr);
        } else {
            dcrdr = core.read(regsel);
        }
    }

    /** Lets the core run from the present; the executing core takes a first fetch that must fault at once. */
    private void run() {
        retiredSinceRead = true;
        core.setRunState(RunState.RUNNING);
        execution.resume();
    }

    /** C_STEP: one instruction, then Debug state again unless the instruction itself halted (BKPT, breakpoint). */
    private void step() {
        retiredSinceRead = true;
        core.setRunState(RunState.RUNNING);
        execution.step();
        if (core.runState() == RunState.RUNNING) {
            enterDebug(DFSR_HALTED);
        }
    }

    /** Lockup (B1.5.15): the core stops until a halt or a reset. */
    void lockUp() {
        lockedUp = true;
        core.setRunState(RunState.LOCKUP);
    }
}
