package io.flashstation.sim.target;

/**
 * Outcome of one AHB access.
 *
 * @param ok          false when the slave answered with a bus error (unmapped address, protected flash, …)
 * @param data        read data, right-aligned (a byte read at address 3 returns the byte in bits 7:0); 0 for writes
 * @param readyAtNanos the virtual instant the access completes; later than now while a busy flash stalls the bus
 */
public record BusResponse(boolean ok, int data, long readyAtNanos) {

    public static BusResponse okay(int data, long readyAtNanos) {
        return new BusResponse(true, data, readyAtNanos);
    }

    public static BusResponse error(long readyAtNanos) {
        return new BusResponse(false, 0, readyAtNanos);
    }
}
