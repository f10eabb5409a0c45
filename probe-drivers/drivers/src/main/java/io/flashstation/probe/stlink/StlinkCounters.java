package io.flashstation.probe.stlink;

import io.flashstation.probe.ProbeCounters;

/**
 * Running totals behind {@link ProbeCounters}. The ST-Link firmware does not report its SWD traffic, so SWD
 * transfers are an estimate of what its engine must do for each command (see {@link #addSwdTransfers}).
 */
final class StlinkCounters {

    private long roundTrips;
    private long swdTransfers;

    void addRoundTrip() {
        roundTrips++;
    }

    /**
     * Adds the SWD transfers a command costs on the wire, as estimated by its caller: a DP access is one transfer,
     * an AP write one, an AP read two (the posted read and the RDBUFF read that returns it); a memory command is
     * a CSW write and a TAR write, one DRW access per unit moved, and for reads the closing RDBUFF; ENTER counts
     * its DPIDR read. Left out, because the host cannot see them: SELECT writes the firmware makes, its own WAIT
     * retries, and whatever INIT_AP does on the wire.
     */
    void addSwdTransfers(long count) {
        swdTransfers += count;
    }

    ProbeCounters snapshot() {
        return new ProbeCounters(roundTrips, swdTransfers);
    }
}
