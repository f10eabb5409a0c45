package io.flashstation.sim.cpu;

import io.flashstation.sim.core.CoreState;
import io.flashstation.sim.target.AccessSize;

/**
 * Executes one Thumb or Thumb-2 instruction at a time on a {@link CoreState}: fetch, IT-block conditions, the
 * 16-bit and 32-bit decoders, and the pseudocode's register, flag and PC-write rules (DDI 0403 A2.3, A7.3).
 * Architectural state changes only when the instruction gets far enough not to fault: the PC and xPSR are
 * written last, so a {@link CpuFault} leaves the PC at the faulting instruction as exception entry needs.
 */
public final class ThumbExecutor {

    /** What an instruction asks of the core beyond its register and memory effects. */
    public enum Event {
        NONE, BREAKPOINT, WAIT_FOR_INTERRUPT, WAIT_FOR_EVENT, SEND_EVENT, SUPERVISOR_CALL
    }

    /** Exception return: a BX, POP or LDR loading EXC_RETURN into the PC in Handler mode (B1.5.8). */
    public interface ExceptionReturn {
        void exceptionReturn(int excReturn);
    }

    static final int FLAG_N = 1 << 31;
    static final int FLAG_Z = 1 << 30;
    static final int FLAG_C = 1 << 29;
    static final int FLAG_V = 1 << 28;
    static final int FLAG_Q = 1 << 27;
    static final int NZCV = 0xF000_0000;
    private static final int IT_LOW = 0x0600_0000;  // IT[1:0] at xPSR[26:25]
    private static final int IT_HIGH = 0x0000_FC00; // IT[7:2] at xPSR[15:10]
    private static final int IPSR = 0x1FF;
    private static final int CONTROL_NPRIV = 1;

    private final CoreState core;
    private final DataPort port;
    private final ExceptionReturn exceptionReturn;
    private final Thumb16 narrow = new Thumb16(this);
    private final Thumb32 wide = new Thumb32(this);

    // the instruction being executed
    private int pc;
    private int nextPc;
    private int xpsr;
    private int itState;
    private boolean itInstruction;
    private int cycles;
    private Event event;
    private boolean returning;
    private int excReturnValue;
    private boolean exclusiveMonitor;
    private int exclusiveAddress;

    public ThumbExecutor(CoreState core, DataPort port, ExceptionReturn exceptionReturn) {
        this.core = core;
        this.port = port;
        this.exceptionReturn = exceptionReturn;
    }

    /**
     * Executes the instruction at PC. Throws {@link CpuFault} when it faults; the PC then still addresses it.
     *
     * @return the event the instruction raised; {@link #cycles()} tells what it cost
     */
    public Event execute() {
        xpsr = core.read(CoreState.XPSR);
        pc = core.read(CoreState.PC);
        if ((xpsr & CoreState.XPSR_THUMB) == 0) {
            throw new CpuFault(FaultKind.INVALID_STATE, pc); // ARMv7-M has no ARM state to switch to
        }
        int hw1 = port.fetch(pc);
        boolean isWide = (hw1 >>> 11) >= 0b11101;
        int hw2 = isWide ? port.fetch(pc + 2) : 0;
        nextPc = pc + (isWide ? 4 : 2);
        itState = ((xpsr >>> 25) & 3) | ((xpsr >>> 8) & 0xFC);
        itInstruction = false;
        cycles = 1;
        event = Event.NONE;
        returning = false;
        if (itState == 0 || conditionPassed(itState >>> 4)) {
            if (isWide) {
                wide.execute(hw1, hw2);
            } else {
                narrow.execute(hw1);
            }
        }
        if (!itInstruction) {
            itState = (itState & 7) == 0 ? 0 : (itState & 0xE0) | ((itState << 1) & 0x1F);
        }
        core.write(CoreState.XPSR, (xpsr & ~(IT_LOW | IT_HIGH)) | ((itState & 3) << 25) | ((itState & 0xFC) << 8));
        core.write(CoreState.PC, nextPc);
        if (returning) {
            exceptionReturn.exceptionReturn(excReturnValue);
        }
        return event;
    }

    /** Cycles the last instruction took by TIMING.md §1: one, plus one per memory transfer. */
    public int cycles() {
        return cycles;
    }

    /** Exception entry and CLREX clear the local exclusive monitor (A3.4.4). */
    public void clearExclusive() {
        exclusiveMonitor = false;
    }

    // --- state the decoders use ------------------------------------------------------------------------

    /** R[n] as an instruction reads it: the PC reads as the instruction's address plus 4. */
    int reg(int n) {
        return n == 15 ? pc + 4 : core.read(n);
    }

    /** Align(PC, 4) for literal and ADR addressing. */
    int alignedPc() {
        return (pc + 4) & ~3;
    }

    /** R[n] = value for n < 15; the PC is written through the branch helpers. */
    void setReg(int n, int value) {
        if (n == 15) {
            branchWritePc(value);
        } else {
            core.write(n, value);
        }
    }

    /** BranchWritePC: ALU writes and branches; bit 0 is ignored. */
    void branchWritePc(int target) {
        nextPc = target & ~1;
    }

    /** BXWritePC / LoadWritePC: interworking, with EXC_RETURN recognised in Handler mode. */
    void bxWritePc(int target) {
        if ((xpsr & IPSR) != 0 && (target >>> 28) == 0xF) {
            returning = true;
            excReturnValue = target;
            return;
        }
        if ((target & 1) == 0) {
            xpsr &= ~CoreState.XPSR_THUMB; // the next instruction faults with INVSTATE
        }
        nextPc = target & ~1;
    }

    int nextPc() {
        return nextPc;
    }

    boolean inItBlock() {
        return (itState & 0xF) != 0;
    }

    /** IT: the new ITSTATE replaces the advance this instruction would make. */
    void startItBlock(int firstCondAndMask) {
        itState = firstCondAndMask;
        itInstruction = true;
    }

    boolean conditionPassed(int cond) {
        boolean n = (xpsr & FLAG_N) != 0;
        boolean z = (xpsr & FLAG_Z) != 0;
        boolean c = (xpsr & FLAG_C) != 0;
        boolean v = (xpsr & FLAG_V) != 0;
        boolean result = switch (cond >>> 1) {
            case 0 -> z;
            case 1 -> c;
            case 2 -> n;
            case 3 -> v;
            case 4 -> c && !z;
            case 5 -> n == v;
            case 6 -> !z && n == v;
            default -> true;
        };
        return (cond & 1) != 0 && cond != 0xF ? !result : result;
    }

    boolean carry() {
        return (xpsr & FLAG_C) != 0;
    }

    /** Replaces the flags selected by {@code mask} (N Z C V Q bits) with those of {@code flags}. */
    void setFlags(int flags, int mask) {
        xpsr = (xpsr & ~mask) | (flags & mask);
    }

    void setNz(int result) {
        setFlags(Alu.nzcv(result, false, false), FLAG_N | FLAG_Z);
    }

    void setNzc(int result, boolean carry) {
        setFlags(Alu.nzcv(result, carry, false), FLAG_N | FLAG_Z | FLAG_C);
    }

    void setNzcv(Alu.Sum sum) {
        setFlags(sum.flags(), NZCV);
    }

    void setQ() {
        xpsr |= FLAG_Q;
    }

    private boolean handlerMode() {
        return (xpsr & IPSR) != 0;
    }

    boolean privileged() {
        return handlerMode() || ((core.read(CoreState.SPECIAL) >>> 24) & CONTROL_NPRIV) == 0;
    }

    /** A BKPT halts (or faults) with the PC still at the BKPT; the other events let the PC move on. */
    void raise(Event raised) {
        event = raised;
        if (raised == Event.BREAKPOINT) {
            nextPc = pc;
        }
    }

    static CpuFault undefined() {
        return new CpuFault(FaultKind.UNDEFINED_INSTRUCTION, 0);
    }

    // --- memory -------------------------------------------------------------------------------------------

    /** A load that may be unaligned (LDR, LDRH and their variants; CCR.UNALIGN_TRP is 0): split into bytes. */
    int load(int address, AccessSize size) {
        cycles++;
        if ((address & (size.bytes() - 1)) == 0) {
            return port.load(address, size);
        }
        int value = 0;
        for (int i = 0; i < size.bytes(); i++) {
            value |= port.load(address + i, AccessSize.BYTE) << (8 * i);
        }
        return value;
    }

    void store(int address, AccessSize size, int value) {
        cycles++;
        if ((address & (size.bytes() - 1)) == 0) {
            port.store(address, size, value);
            return;
        }
        for (int i = 0; i < size.bytes(); i++) {
            port.store(address + i, AccessSize.BYTE, value >>> (8 * i));
        }
    }

    /** A word access that must be aligned (LDM, STM, LDRD, STRD, exclusives): UsageFault UNALIGNED otherwise. */
    int loadAlignedWord(int address) {
        requireAligned(address, 4);
        cycles++;
        return port.load(address, AccessSize.WORD);
    }

    void storeAlignedWord(int address, int value) {
        requireAligned(address, 4);
        cycles++;
        port.store(address, AccessSize.WORD, value);
    }

    static void requireAligned(int address, int bytes) {
        if ((address & (bytes - 1)) != 0) {
            throw new CpuFault(FaultKind.UNALIGNED, address);
        }
    }

    // --- exclusives (A3.4): a single-processor local monitor -----------------------------------------------

    int loadExclusive(int address, AccessSize size) {
        requireAligned(address, size.bytes());
        cycles++;
        int value = port.load(address, size);
        exclusiveMonitor = true;
        exclusiveAddress = address;
        return value;
    }

    /** Returns 0 when the store happened, 1 when the monitor had been cleared. */
    int storeExclusive(int address, AccessSize size, int value) {
        requireAligned(address, size.bytes());
        boolean pass = exclusiveMonitor && exclusiveAddress == address;
        exclusiveMonitor = false;
        if (!pass) {
            return 1;
        }
        cycles++;
        port.store(address, size, value);
        return 0;
    }

    // --- special registers (B5.1.1, MRS/MSR SYSm) ---------------------------------------------------------

    int readSpecial(int sysm) {
        int special = core.read(CoreState.SPECIAL);
        return switch (sysm) {
            case 0, 1, 2, 3, 5, 6, 7 -> {
                int value = 0;
                if ((sysm & 4) == 0) {
                    value |= xpsr & 0xF800_0000; // APSR flags
                }
                if ((sysm & 1) != 0) {
                    value |= xpsr & IPSR;
                }
                yield value; // EPSR reads as zero through MRS
            }
            case 8 -> core.read(CoreState.MSP);
            case 9 -> core.read(CoreState.PSP);
            case 16 -> special & 1;
            case 17, 18 -> (special >>> 8) & 0xFF;
            case 19 -> (special >>> 16) & 1;
            case 20 -> (special >>> 24) & 3; // CONTROL.FPCA reads via MRS too, but no FP state exists
            default -> 0;
        };
    }

    void writeSpecial(int sysm, int mask, int value) {
        if (sysm <= 3 && (mask & 2) != 0) {
            setFlags(value, 0xF800_0000); // APSR_nzcvq
        }
        if (sysm < 8 || !privileged()) {
            return; // EPSR/IPSR are not writable; the rest needs privilege
        }
        int special = core.read(CoreState.SPECIAL);
        switch (sysm) {
            case 8 -> core.write(CoreState.MSP, value);
            case 9 -> core.write(CoreState.PSP, value);
            case 16 -> core.write(CoreState.SPECIAL, (special & ~0xFF) | (value & 1));
            case 17 -> core.write(CoreState.SPECIAL, (special & ~0xFF00) | ((value & 0xFF) << 8));
            case 18 -> {
                int current = (special >>> 8) & 0xFF;
                int next = value & 0xFF;
                if (next != 0 && (current == 0 || next < current)) {
                    core.write(CoreState.SPECIAL, (special & ~0xFF00) | (next << 8));
                }
            }
            case 19 -> {
                if ((xpsr & IPSR) != 2) { // FAULTMASK cannot be set in the NMI handler
                    core.write(CoreState.SPECIAL, (special & ~0xFF_0000) | ((value & 1) << 16));
                }
            }
            case 20 -> {
                // SPSEL only changes in Thread mode; nPRIV is writable
                int control = (special >>> 24) & 7;
                int spsel = handlerMode() ? control & 2 : value & 2;
                core.write(CoreState.SPECIAL, (special & 0x00FF_FFFF) | (((control & 4) | spsel | (value & 1)) << 24));
            }
            default -> {
            }
        }
    }

    /** CPS: PRIMASK (I) and FAULTMASK (F), privileged only. */
    void changeProcessorState(boolean disable, boolean affectI, boolean affectF) {
        if (!privileged()) {
            return;
        }
        int special = core.read(CoreState.SPECIAL);
        int bit = disable ? 1 : 0;
        if (affectI) {
            special = (special & ~1) | bit;
        }
        if (affectF && (!disable || (xpsr & IPSR) != 2)) {
            special = (special & ~0x1_0000) | (bit << 16);
        }
        core.write(CoreState.SPECIAL, special);
    }
}
