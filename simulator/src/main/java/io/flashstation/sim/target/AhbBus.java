package io.flashstation.sim.target;

/**
 * A region of the target's AHB system bus, as a bus master (the AHB-AP, later the core) sees it.
 * Addresses are 32-bit and naturally aligned for the access size.
 */
public interface AhbBus {

    BusResponse read(int address, AccessSize size);

    BusResponse write(int address, AccessSize size, int value);
}
