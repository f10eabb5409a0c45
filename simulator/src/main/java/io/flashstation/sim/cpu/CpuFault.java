package io.flashstation.sim.cpu;

/**
 * A synchronous fault raised while executing one instruction (DDI 0403 B1.5.8): the instruction has not
 * completed, and the core turns this into exception entry. {@code address} is the faulting data address for bus
 * faults, otherwise 0.
 */
public final class CpuFault extends RuntimeException {

    private final FaultKind kind;
    private final int address;

    public CpuFault(FaultKind kind, int address) {
        super(kind + String.format(" at 0x%08X", address), null, false, false);
        this.kind = kind;
        this.address = address;
    }

    public FaultKind kind() {
        return kind;
    }

    public int address() {
        return address;
    }
}
