package io.flashstation.sim.cmsisdap;

/**
 * The firmware's adjustable state, with the reference firmware's power-on defaults (cmsis-dap.md §1, DAP_Setup):
 * idle cycles 0, WAIT retry 100, match retry 0, match mask 0, turnaround 1, no data phase.
 */
final class ProbeSettings {

    /** DAP_DEFAULT_SWJ_CLOCK of the reference firmware's configuration template. */
    static final long DEFAULT_SWJ_CLOCK_HZ = 1_000_000;

    private final long maxClockHz;
    private long clockHz;
    private int turnaround = 1;
    private boolean dataPhase;
    private int idleCycles;
    private int waitRetry = 100;
    private int matchRetry;
    private int matchMask;

    ProbeSettings(long maxClockHz) {
        this.maxClockHz = maxClockHz;
        this.clockHz = Math.min(DEFAULT_SWJ_CLOCK_HZ, maxClockHz);
    }

    /** The requested clock is a maximum (§4.2): the probe runs at it or at its own ceiling, whichever is lower. */
    void requestClock(long hz) {
        clockHz = Math.min(hz, maxClockHz);
    }

    long clockHz() {
        return clockHz;
    }

    /** DAP_SWD_Configure (§5.1): bits 1:0 turnaround - 1, bit 2 data phase on WAIT/FAULT. */
    void configureSwd(int configuration) {
        turnaround = (configuration & 0x03) + 1;
        dataPhase = (configuration & 0x04) != 0;
    }

    int turnaround() {
        return turnaround;
    }

    boolean dataPhase() {
        return dataPhase;
    }

    void configureTransfers(int idle, int waitRetries, int matchRetries) {
        idleCycles = idle;
        waitRetry = waitRetries;
        matchRetry = matchRetries;
    }

    int idleCycles() {
        return idleCycles;
    }

    int waitRetry() {
        return waitRetry;
    }

    int matchRetry() {
        return matchRetry;
    }

    int matchMask() {
        return matchMask;
    }

    void matchMask(int mask) {
        matchMask = mask;
    }
}
