package io.flashstation.sim.usb;

import io.flashstation.usb.HostClock;

/**
 * The host side's clock of one virtual link: transfers move it to their completion time and host-side waits
 * move it forward without any wall-clock sleeping (TIMING.md §3).
 */
public final class VirtualHostClock implements HostClock {

    private long nanos;

    @Override
    public synchronized long nanos() {
        return nanos;
    }

    /** Waiting on the virtual bus costs virtual time only. */
    @Override
    public synchronized void sleep(long delta) {
        if (delta > 0) {
            nanos += delta;
        }
    }

    /** Moves the clock to {@code instant} if that is later than now. */
    synchronized void advanceTo(long instant) {
        if (instant > nanos) {
            nanos = instant;
        }
    }
}
