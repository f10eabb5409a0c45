package io.flashstation.sim.debug;

/**
 * What the host did on a board's debug port: transfers answered (OK, WAIT, FAULT or not at all) and the span
 * from the first to the last bit of the current session, which TIMING.md §4 counts as the board's virtual time.
 */
public final class SwdTraffic {

    private long transfers;
    private long sessionFirstNanos = -1;
    private long sessionLastNanos = -1;

    /** One transaction went over the wire (whatever its answer). */
    public synchronized void countTransfer() {
        transfers++;
    }

    /** Wire activity from {@code startNanos} to {@code endNanos} (a transfer, a sequence, a run of cycles). */
    public synchronized void active(long startNanos, long endNanos) {
        if (sessionFirstNanos < 0) {
            sessionFirstNanos = startNanos;
        }
        sessionLastNanos = Math.max(sessionLastNanos, endNanos);
    }

    public synchronized long transfers() {
        return transfers;
    }

    /** Starts a new session window; activity before this instant no longer counts. */
    public synchronized void startSession() {
        sessionFirstNanos = -1;
        sessionLastNanos = -1;
    }

    /** Last minus first activity instant of the current session, 0 when nothing happened. */
    public synchronized long sessionSpanNanos() {
        return sessionFirstNanos < 0 ? 0 : sessionLastNanos - sessionFirstNanos;
    }
}
