package io.flashstation.sim.debug;

/**
 * A board's debug port at the wire: SWCLK cycles with SWDIO driven by the host or by the target, for probes
 * that bit-bang SWD (J-Link's SWD I/O). Bits are packed LSB first; bit i of each array is cycle i.
 */
public interface SwdWirePort {

    /**
     * Clocks {@code bitCount} cycles. In cycle i the host drives {@code hostOut[i]} when {@code hostDrives[i]}
     * is set, otherwise it releases the line. {@code sampled[i]} receives the line level in that cycle: the
     * target's bit when it drives, the host's bit when the host drives, the pull-up (1) when nobody does.
     */
    void clock(int bitCount, byte[] hostDrives, byte[] hostOut, byte[] sampled);

    /** Sets the SWCLK frequency; it prices every following cycle. */
    void setClockHz(long hz);
}
