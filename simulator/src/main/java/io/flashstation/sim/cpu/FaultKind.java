package io.flashstation.sim.cpu;

/** The fault causes this core raises, each with its status bit in the CFSR (DDI 0403 B3.2.15). */
public enum FaultKind {
    /** BusFault on an instruction fetch (CFSR.IBUSERR). */
    INSTRUCTION_BUS_ERROR(1 << 8),
    /** Precise BusFault on a data access (CFSR.PRECISERR, with BFARVALID). */
    DATA_BUS_ERROR(1 << 9),
    /** MemManage: execution from an Execute-Never region of the default memory map (CFSR.IACCVIOL). */
    EXECUTE_NEVER(1),
    /** UsageFault: undefined instruction (CFSR.UNDEFINSTR). */
    UNDEFINED_INSTRUCTION(1 << 16),
    /** UsageFault: EPSR.T clear or an illegal EXC_RETURN/interworking target (CFSR.INVSTATE). */
    INVALID_STATE(1 << 17),
    /** UsageFault: an illegal EXC_RETURN value loaded into the PC (CFSR.INVPC). */
    INVALID_PC_LOAD(1 << 18),
    /** UsageFault: a coprocessor (FPU) instruction while the coprocessor is absent or disabled (CFSR.NOCP). */
    NO_COPROCESSOR(1 << 19),
    /** UsageFault: an unaligned LDM/STM/LDRD/STRD/exclusive access (CFSR.UNALIGNED). */
    UNALIGNED(1 << 24);

    private final int cfsrBit;

    FaultKind(int cfsrBit) {
        this.cfsrBit = cfsrBit;
    }

    /** The CFSR bit that records this cause. */
    public int cfsrBit() {
        return cfsrBit;
    }
}
