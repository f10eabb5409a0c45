package io.flashstation.sim.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's pacing: virtual time never runs ahead of the wall clock, and lag is not caught up in a burst. */
class WallClockPacerTest {

    private static final long MS = 1_000_000L;

    @Test
    void virtualTimeDoesNotRunAheadOfTheWallClock() {
        WallClockPacer pacer = new WallClockPacer();
        pacer.pace(0);
        long start = System.nanoTime();
        pacer.pace(120 * MS);
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(119 * MS);
    }

    @Test
    void virtualTimeThatFellBehindIsPacedFromWhereItIs() throws InterruptedException {
        WallClockPacer pacer = new WallClockPacer();
        pacer.pace(0);
        Thread.sleep(150); // the host idles on the wall clock; virtual time stands still
        pacer.pace(1 * MS); // behind: re-anchors without sleeping
        long start = System.nanoTime();
        pacer.pace(101 * MS);
        // had the 150 ms of lag been kept, this 100 ms step would have returned at once
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(99 * MS);
    }
}
