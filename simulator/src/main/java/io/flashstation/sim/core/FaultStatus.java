package io.flashstation.sim.core;

/** Where the core records why it faulted: the SCB's CFSR, HFSR and BFAR (DDI 0403 B3.2.15–B3.2.18). */
interface FaultStatus {

    /** ORs {@code cfsrBits} into CFSR and {@code hfsrBits} into HFSR. */
    void recordFault(int cfsrBits, int hfsrBits);

    /** BFAR holds {@code address} and CFSR.BFARVALID is set. */
    void recordBusFaultAddress(int address);

    /** VTOR: where the vector table is. */
    int vectorTableOffset();

    /** CCR.STKALIGN: exception frames are 8-byte aligned. */
    boolean stackAlignedTo8();
}
