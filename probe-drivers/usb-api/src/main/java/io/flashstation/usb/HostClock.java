package io.flashstation.usb;

/**
 * Time as the host side of a link experiences it. On real hardware it is the monotonic wall clock; on the
 * virtual bus it is the link's virtual host clock, so that host-side waits (polling a busy flash) cost
 * virtual time, not wall time.
 */
public interface HostClock {

    /** Monotonic time in nanoseconds. */
    long nanos();

    /** Waits for the given time to pass on this clock. */
    void sleep(long nanos) throws InterruptedException;

    /** The monotonic wall clock. */
    HostClock WALL = new HostClock() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            if (nanos > 0) {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            }
        }
    };
}
