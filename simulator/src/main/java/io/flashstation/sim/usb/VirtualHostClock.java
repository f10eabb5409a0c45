package io.flashstation.sim.usb;

import io.flashstation.sim.time.WallClockPacer;
import io.flashstation.usb.HostClock;
import java.util.Optional;

/**
 * The host side's clock of one virtual link: transfers move it to their completion time and host-side waits
 * move it forward without any wall-clock sleeping (TIMING.md §3), unless a pacer holds it to the wall clock.
 */
public final class VirtualHostClock implements HostClock {

    private final Optional<WallClockPacer> pacer;
    private long nanos;

    /** A clock that runs as fast as the simulation can. */
    public VirtualHostClock() {
        this(Optional.empty());
    }

    /** A clock held back to the wall clock by {@code pacer} when one is given. */
    public VirtualHostClock(Optional<WallClockPacer> pacer) {
        this(pacer, 0);
    }

    /** A clock starting at {@code startNanos}, the host's time when the link opens. */
    VirtualHostClock(Optional<WallClockPacer> pacer, long startNanos) {
        this.pacer = pacer;
        this.nanos = startNanos;
    }

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    /** Waiting on the virtual bus costs virtual time only. */
    @Override
    public void sleep(long delta) {
        long now;
        synchronized (this) {
            if (delta > 0) {
                nanos += delta;
            }
            now = nanos;
        }
        pacer.ifPresent(p -> p.pace(now));
    }

    /** Moves the clock to {@code instant} if that is later than now. */
    void advanceTo(long instant) {
        long now;
        synchronized (this) {
            if (instant > nanos) {
                nanos = instant;
            }
            now = nanos;
        }
        pacer.ifPresent(p -> p.pace(now));
    }
}
