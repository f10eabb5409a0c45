package io.flashstation.probe.arm;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.usb.HostClock;

/**
 * Run control of an ARMv7-M core through its debug registers: halt, reset into a halt (vector catch), core register
 * access through DCRSR/DCRDR, single step, resume and reset-and-run (stm32f411-target.md §10, §12.2).
 */
public final class CortexM {

    static final int DHCSR = 0xE000_EDF0;
    static final int DCRSR = 0xE000_EDF4;
    static final int DCRDR = 0xE000_EDF8;
    static final int DEMCR = 0xE000_EDFC;
    static final int AIRCR = 0xE000_ED0C;

    static final int DBGKEY = 0xA05F_0000;
    static final int C_DEBUGEN = 1;
    static final int C_HALT = 1 << 1;
    static final int C_STEP = 1 << 2;
    static final int S_REGRDY = 1 << 16;
    static final int S_HALT = 1 << 17;
    static final int DCRSR_WRITE = 1 << 16;
    static final int VC_CORERESET = 1;
    static final int TRCENA = 1 << 24;
    static final int AIRCR_SYSRESETREQ = 0x05FA_0004;

    /** REGSEL of the program counter (DebugReturnAddress). */
    public static final int REG_PC = 15;
    /** REGSEL of xPSR. */
    public static final int REG_XPSR = 16;
    /** REGSEL of the main stack pointer. */
    public static final int REG_MSP = 17;

    private static final long HALT_TIMEOUT_NANOS = 100_000_000L;
    private static final long RESET_PULSE_NANOS = 2_000_000L;
    private static final long POLL_INTERVAL_NANOS = 500_000L;

    private final MemAp mem;

    public CortexM(MemAp mem) {
        this.mem = mem;
    }

    private HostClock clock() {
        return mem.debugPort().clock();
    }

    public boolean isHalted() throws ProbeException {
        return (mem.readWord(DHCSR) & S_HALT) != 0;
    }

    /** Enables halting debug and stops the core; waits until it reports S_HALT. */
    public void halt() throws ProbeException {
        mem.writeWord(DHCSR, DBGKEY | C_DEBUGEN | C_HALT);
        awaitHalt("halt request");
    }

    /**
     * Resets the whole system and stops the core before its first instruction: vector catch on core reset (DEMCR
     * VC_CORERESET) and AIRCR SYSRESETREQ (§12.2). If the core does not report a halt, pulses NRST with the catch still
     * armed. The catch is disarmed afterwards so that a later reset runs.
     */
    public void resetAndHalt() throws ProbeException {
        // running, not halted, before the reset: an S_HALT seen afterwards can only come from the vector catch
        mem.writeWord(DHCSR, DBGKEY | C_DEBUGEN);
        int demcr = mem.readWord(DEMCR);
        mem.writeWord(DEMCR, demcr | TRCENA | VC_CORERESET);
        requestSystemReset();
        try {
            awaitHalt("reset with vector catch");
        } catch (DebugTimeoutException sysResetIgnored) {
            pulseResetLine();
            awaitHalt("reset line pulse with vector catch");
        }
        mem.writeWord(DEMCR, (demcr | TRCENA) & ~VC_CORERESET);
    }

    /** Reads core register {@code regsel} (DCRSR numbering, §10); the core must be halted. */
    public int readCoreRegister(int regsel) throws ProbeException {
        mem.writeWord(DCRSR, regsel);
        awaitRegisterTransfer(regsel);
        return mem.readWord(DCRDR);
    }

    /** Writes core register {@code regsel}; the core must be halted. */
    public void writeCoreRegister(int regsel, int value) throws ProbeException {
        mem.writeWord(DCRDR, value);
        mem.writeWord(DCRSR, DCRSR_WRITE | regsel);
        awaitRegisterTransfer(regsel);
    }

    /** Executes one instruction on a halted core (C_STEP with C_HALT clear, §10) and waits for it to halt again. */
    public void step() throws ProbeException {
        mem.writeWord(DHCSR, DBGKEY | C_DEBUGEN | C_STEP);
        awaitHalt("single step");
    }

    /** Lets a halted core run on, keeping halting debug enabled. */
    public void resume() throws ProbeException {
        mem.writeWord(DHCSR, DBGKEY | C_DEBUGEN);
    }

    /**
     * Resets the system and lets the firmware run: vector catch off and C_HALT cleared first, because DHCSR lives in
     * the debug domain a system reset does not touch (§12.2 step 3).
     */
    public void resetAndRun() throws ProbeException {
        int demcr = mem.readWord(DEMCR);
        mem.writeWord(DEMCR, demcr & ~VC_CORERESET);
        resume();
        requestSystemReset();
    }

    private void requestSystemReset() throws ProbeException {
        try {
            mem.writeWord(AIRCR, AIRCR_SYSRESETREQ);
        } catch (SwdTransferException e) {
            // the reset may take the write's acknowledge with it; what matters is the state afterwards
            mem.debugPort().clearStickyErrors();
        }
        mem.invalidate();
    }

    private void pulseResetLine() throws ProbeException {
        mem.debugPort().probe().setResetLine(true);
        HostWaits.sleep(clock(), RESET_PULSE_NANOS);
        mem.debugPort().probe().setResetLine(false);
        mem.invalidate();
    }

    private void awaitHalt(String what) throws ProbeException {
        long deadline = clock().nanos() + HALT_TIMEOUT_NANOS;
        while (!isHalted()) {
            if (clock().nanos() >= deadline) {
                throw new DebugTimeoutException("the core did not halt after the " + what);
            }
            HostWaits.sleep(clock(), POLL_INTERVAL_NANOS);
        }
    }

    private void awaitRegisterTransfer(int regsel) throws ProbeException {
        long deadline = clock().nanos() + HALT_TIMEOUT_NANOS;
        while ((mem.readWord(DHCSR) & S_REGRDY) == 0) {
            if (clock().nanos() >= deadline) {
                throw new DebugTimeoutException("core register " + regsel + " transfer did not complete; is the core halted?");
            }
            HostWaits.sleep(clock(), POLL_INTERVAL_NANOS);
        }
    }
}
