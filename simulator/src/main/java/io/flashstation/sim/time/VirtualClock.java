package io.flashstation.sim.time;

/**
 * A board's own clock in virtual nanoseconds. Wire bits, flash operations and waiting probes advance it;
 * nothing in the lab sleeps on the wall clock. It only moves forward.
 */
public final class VirtualClock {

    private long nanos;

    public synchronized long nanos() {
        return nanos;
    }

    /** Moves the clock forward by {@code delta} nanoseconds (negative deltas are a bug). */
    public synchronized void advance(long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("virtual time cannot go backwards: " + delta);
        }
        nanos += delta;
    }

    /** Moves the clock to {@code instant} if that is later than now; earlier instants leave it unchanged. */
    public synchronized void advanceTo(long instant) {
        if (instant > nanos) {
            nanos = instant;
        }
    }

    /** The time {@code bits} clock cycles take at {@code hz}, rounded up to whole nanoseconds. */
    public static long bitTime(long bits, long hz) {
        return (bits * 1_000_000_000L + hz - 1) / hz;
    }
}
