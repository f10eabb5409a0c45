package io.flashstation.probe.jlink;

/** GET_SPEEDS' answer (jlink.md §2.7): the probe makes clocks of {@code baseHz / n} for {@code n ≥ minDivider}. */
record JlinkSpeeds(long baseHz, int minDivider) {

    /** The fastest clock the probe makes. */
    long maxHz() {
        return baseHz / Math.max(1, minDivider);
    }

    /** The clock the probe makes for a request of {@code hz}: the fastest at or below it. */
    long nearestAtOrBelow(long hz) {
        long divider = Math.max(minDivider, (baseHz + hz - 1) / hz);
        return baseHz / divider;
    }
}
