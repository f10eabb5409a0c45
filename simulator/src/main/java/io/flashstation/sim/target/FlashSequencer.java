package io.flashstation.sim.target;

import io.flashstation.sim.fault.FaultPlan;

/**
 * Runs one flash operation at a time in virtual time (TIMING.md §1): BSY is set from the start of an operation
 * until its end, and the operation takes effect when the clock is seen at or past its end. An armed brownout
 * ends the operation early at its fraction: the work is left partly done and the power-loss handler runs.
 * Completion is noticed lazily, at the first bus access or board call at or after the instant. An armed brownout
 * hits the next operation of any kind, option programming included (the new option bytes then never land).
 */
final class FlashSequencer {

    private final FaultPlan faults;
    private final Runnable onCompleted;
    private final Runnable onBrownout;

    private FlashOperation running;
    private long startedAt;
    private long busyUntil;
    private double brownoutFraction = -1;
    private FlashStats stats = FlashStats.NONE;

    FlashSequencer(FaultPlan faults, Runnable onCompleted, Runnable onBrownout) {
        this.faults = faults;
        this.onCompleted = onCompleted;
        this.onBrownout = onBrownout;
    }

    boolean busy(long now) {
        return now < busyUntil;
    }

    long busyUntil() {
        return busyUntil;
    }

    /** The kind of the operation in progress at {@code now}, or null when idle. */
    FlashOperation.Kind runningKind(long now) {
        return running != null && busy(now) ? running.kind() : null;
    }

    void start(FlashOperation operation, long at) {
        running = operation;
        startedAt = at;
        brownoutFraction = faults.takeBrownout();
        long duration = operation.durationNanos();
        busyUntil = at + (brownoutFraction >= 0 ? Math.round(brownoutFraction * duration) : duration);
    }

    /** Finishes the operation in progress if it is over at {@code now}. */
    void settle(long now) {
        if (running == null || busy(now)) {
            return;
        }
        FlashOperation ended = running;
        running = null;
        if (brownoutFraction >= 0) {
            ended.cutShort(brownoutFraction);
            onBrownout.run();
        } else {
            stats = ended.complete(stats);
            onCompleted.run();
        }
    }

    /** A reset at {@code now} stops the operation in progress where it got to; BSY drops. */
    void abort(long now) {
        settle(now);
        if (running != null) {
            long duration = running.durationNanos();
            running.cutShort(duration == 0 ? 1.0 : (double) (now - startedAt) / duration);
            running = null;
        }
        busyUntil = 0;
    }

    FlashStats stats() {
        return stats;
    }

    void restoreStats(FlashStats restored) {
        stats = restored;
    }
}
