package io.flashstation.sim.core;

import io.flashstation.sim.cpu.CpuFault;
import io.flashstation.sim.cpu.DataPort;
import io.flashstation.sim.cpu.FaultKind;
import io.flashstation.sim.target.AccessSize;

/**
 * Exception entry and return of ARMv7-M (DDI 0403 B1.5.6 PushStack/ExceptionTaken, B1.5.8 ExceptionReturn): the
 * eight-word basic frame, 8-byte frame alignment when CCR.STKALIGN is set, EXC_RETURN in LR, the vector fetch
 * from VTOR. The FPU's extended frame does not exist here: no FP instruction executes. Bus errors while stacking,
 * unstacking or fetching the vector surface as {@link CpuFault}.
 */
final class ExceptionFrames {

    static final int HARD_FAULT = 3;
    static final int SV_CALL = 11;

    private static final int IPSR = 0x1FF;
    private static final int FRAME_REALIGNED = 1 << 9;
    private static final int CONTROL_SPSEL = 1 << 25; // in the SPECIAL word
    private static final int EXC_RETURN_HANDLER = 0xFFFF_FFF1;
    private static final int EXC_RETURN_THREAD_MSP = 0xFFFF_FFF9;
    private static final int EXC_RETURN_THREAD_PSP = 0xFFFF_FFFD;
    private static final int[] STACKED = {0, 1, 2, 3, 12, CoreState.LR};

    private final CoreState core;
    private final DataPort memory;
    private final FaultStatus scb;

    ExceptionFrames(CoreState core, DataPort memory, FaultStatus scb) {
        this.core = core;
        this.memory = memory;
        this.scb = scb;
    }

    /** The exception being handled (IPSR), 0 in Thread mode. */
    int currentException() {
        return core.read(CoreState.XPSR) & IPSR;
    }

    /** Stacks the context with {@code returnAddress} and enters the handler of exception {@code number}. */
    void enter(int number, int returnAddress) {
        int xpsr = core.read(CoreState.XPSR);
        boolean handler = (xpsr & IPSR) != 0;
        int special = core.read(CoreState.SPECIAL);
        boolean processStack = !handler && (special & CONTROL_SPSEL) != 0;
        int sp = core.read(CoreState.SP);
        boolean realign = scb.stackAlignedTo8() && (sp & 4) != 0;
        int frame = (sp - 0x20) & (realign ? ~4 : ~0);
        int vector = memory.load(scb.vectorTableOffset() + 4 * number, AccessSize.WORD);
        for (int i = 0; i < STACKED.length; i++) {
            memory.store(frame + 4 * i, AccessSize.WORD, core.read(STACKED[i]));
        }
        memory.store(frame + 0x18, AccessSize.WORD, returnAddress);
        memory.store(frame + 0x1C, AccessSize.WORD, xpsr | (realign ? FRAME_REALIGNED : 0));
        core.write(CoreState.SP, frame);
        core.write(CoreState.LR, handler ? EXC_RETURN_HANDLER
                : processStack ? EXC_RETURN_THREAD_PSP : EXC_RETURN_THREAD_MSP);
        core.write(CoreState.SPECIAL, special & ~CONTROL_SPSEL); // handlers run on the main stack
        // IT state cleared, EPSR.T from the vector's bit 0, IPSR the exception number; the flags are kept
        core.write(CoreState.XPSR, (xpsr & 0xF800_0000) | ((vector & 1) << 24) | number);
        core.write(CoreState.PC, vector & ~1);
    }

    /** Returns from the current handler by EXC_RETURN {@code excReturn}. */
    void exit(int excReturn) {
        boolean toHandler = excReturn == EXC_RETURN_HANDLER;
        boolean toProcess = excReturn == EXC_RETURN_THREAD_PSP;
        if (!toHandler && !toProcess && excReturn != EXC_RETURN_THREAD_MSP) {
            throw new CpuFault(FaultKind.INVALID_PC_LOAD, excReturn);
        }
        int special = core.read(CoreState.SPECIAL);
        core.write(CoreState.SPECIAL, toProcess ? special | CONTROL_SPSEL : special & ~CONTROL_SPSEL);
        core.write(CoreState.XPSR, 0); // Thread mode while unstacking selects the right stack pointer below
        int frame = core.read(toProcess ? CoreState.PSP : CoreState.MSP);
        int[] words = new int[8];
        for (int i = 0; i < 8; i++) {
            words[i] = memory.load(frame + 4 * i, AccessSize.WORD);
        }
        for (int i = 0; i < STACKED.length; i++) {
            core.write(STACKED[i], words[i]);
        }
        int xpsr = words[7];
        int restored = frame + 0x20 + ((xpsr & FRAME_REALIGNED) != 0 ? 4 : 0);
        core.write(toProcess ? CoreState.PSP : CoreState.MSP, restored);
        core.write(CoreState.PC, words[6] & ~1);
        core.write(CoreState.XPSR, (xpsr & ~FRAME_REALIGNED & ~IPSR) | (toHandler ? xpsr & IPSR : 0));
    }
}
