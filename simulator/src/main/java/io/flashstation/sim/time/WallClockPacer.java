package io.flashstation.sim.time;

/**
 * Holds a virtual clock back to the wall clock, for a person watching a demo: a board that takes six virtual
 * seconds then takes six real ones. Virtual time that falls behind (a host idling on the wall clock between boards)
 * is never caught up in a burst: the pacer re-anchors and paces from there.
 */
public final class WallClockPacer {

    private long anchorWall;
    private long anchorVirtual;
    private boolean anchored;

    /** Blocks until the wall clock has caught up with {@code virtualNanos}. */
    public void pace(long virtualNanos) {
        long sleepNanos;
        synchronized (this) {
            long wall = System.nanoTime();
            long due = anchorWall + (virtualNanos - anchorVirtual);
            if (!anchored || due < wall) {
                anchored = true;
                anchorWall = wall;
                anchorVirtual = virtualNanos;
                return;
            }
            sleepNanos = due - wall;
        }
        try {
            Thread.sleep(sleepNanos / 1_000_000, (int) (sleepNanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
