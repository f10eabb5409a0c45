package io.flashstation.sim.cpu;

import io.flashstation.sim.target.AccessSize;

/**
 * The core's side of the system bus as the instruction set uses it: naturally aligned accesses that throw
 * {@link CpuFault} on a bus error. Timing (cycles, wait states, stalls) is the implementation's business.
 */
public interface DataPort {

    /** One instruction half-word at {@code address} (bit 0 clear). */
    int fetch(int address);

    /** Reads {@code size} at a naturally aligned {@code address}, zero-extended. */
    int load(int address, AccessSize size);

    void store(int address, AccessSize size, int value);
}
