package io.flashstation.sim.jlink;

import io.flashstation.sim.bytes.LittleEndian;

/**
 * The probe's SWCLK/TCK generator: base / n for a whole divider n ≥ the minimum (jlink.md §2.7). A request is
 * met with the fastest such clock not above it, so a host asking for more than the probe can do gets its top
 * speed, as OpenOCD's clamp to base / min divider assumes.
 */
final class SwdClockGenerator {

    /**
     * The speed in effect at power-up and after every SELECT_TIF, which resets it (§2.6). The real value is
     * UNCONFIRMED; hosts always set a speed after selecting, so it only matters to hosts that never do.
     */
    static final int DEFAULT_KHZ = 4000;

    private final long baseHz;
    private final int minDivider;
    private long hz;

    SwdClockGenerator(long baseHz, int minDivider) {
        this.baseHz = baseHz;
        this.minDivider = minDivider;
        reset();
    }

    /** Sets the clock nearest to {@code khz} from below (SET_SPEED); 0 never reaches a probe (libjaylink refuses it). */
    void request(int khz) {
        long wantedHz = khz * 1000L;
        long divider = Math.max(minDivider, (baseHz + wantedHz - 1) / wantedHz);
        hz = baseHz / divider;
    }

    void reset() {
        request(DEFAULT_KHZ);
    }

    long hz() {
        return hz;
    }

    /** GET_SPEEDS: u32 base frequency in Hz, u16 minimum divider. */
    byte[] speedsReply() {
        byte[] reply = new byte[6];
        LittleEndian.putU32(reply, 0, (int) baseHz);
        LittleEndian.putU16(reply, 4, minDivider);
        return reply;
    }
}
