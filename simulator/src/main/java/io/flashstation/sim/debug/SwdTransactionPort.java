package io.flashstation.sim.debug;

/**
 * A board's debug port driven one SWD transaction at a time: what probe firmware that runs the wire
 * protocol itself (CMSIS-DAP, ST-Link) talks to. Every call charges the wire time of its bits
 * (TIMING.md §2) at the current clock to the board's virtual clock.
 */
public interface SwdTransactionPort {

    /**
     * Clocks {@code bitCount} bits driven by the host on SWDIO (LSB of {@code bits[0]} first): line resets,
     * the JTAG-to-SWD switch and idle cycles are all sent this way, exactly as probe firmware does.
     */
    void sequence(int bitCount, byte[] bits);

    /**
     * One complete transaction: request, turnaround, ACK and, when the ACK is OK, the data phase.
     *
     * @param ap        APnDP
     * @param read      RnW
     * @param address   register address A[3:2] as 0x0, 0x4, 0x8 or 0xC
     * @param writeData data for a write (the port computes the parity a correct host would send)
     */
    SwdResponse transfer(boolean ap, boolean read, int address, int writeData);

    /** Sets the SWCLK frequency the probe drives; it prices every following bit. */
    void setClockHz(long hz);

    long clockHz();
}
