package io.flashstation.station.soak;

import java.util.List;
import java.util.Map;

/**
 * What a soak run found. It passed when nothing that must never happen did: a PASS for a board that was given a
 * fault no flashing can survive, a row for a board nobody placed, a lost or doubled row, a slot that stopped.
 *
 * @param boards          rows recorded
 * @param outcomes        rows by outcome, then by failure reason
 * @param falsePasses     PASS rows for boards that were locked, the wrong chip, stuck or pulled
 * @param unknownBoards   rows whose UID no operator placed
 * @param lostRows        attempts the station reported that are not in the database
 * @param duplicateRows   rows stored more than once
 * @param stuckSlots      slots with no row in the last part of the run
 * @param centralMissing  rows not in the central database after it drained (0 without one)
 * @param heapMbEarly     heap in use after a collection a quarter of the way in
 * @param heapMbEnd       heap in use after a collection at the end
 * @param wallSeconds     how long the run took
 */
public record SoakReport(long boards, Map<String, Long> outcomes, List<String> falsePasses,
        List<String> unknownBoards, long lostRows, long duplicateRows, List<String> stuckSlots, long centralMissing,
        long heapMbEarly, long heapMbEnd, double wallSeconds) {

    /** Heap may grow by this much over a run and still count as stable (caches, the database's pages). */
    static final double HEAP_GROWTH_ALLOWED = 2.0;

    /** Whether nothing that must not happen happened and the heap stayed stable. */
    public boolean passed() {
        return falsePasses.isEmpty() && unknownBoards.isEmpty() && lostRows == 0 && duplicateRows == 0
                && stuckSlots.isEmpty() && centralMissing == 0 && heapStable();
    }

    public boolean heapStable() {
        return heapMbEnd <= Math.max(64, heapMbEarly * HEAP_GROWTH_ALLOWED);
    }

    /** A few lines for a terminal. */
    public String describe() {
        return String.format("soak %s: %d boards in %.0f s, outcomes %s%n"
                        + "false PASS: %d %s%nrows for unknown boards: %d%nlost rows: %d, duplicated rows: %d%n"
                        + "stuck slots: %s%nrows missing centrally: %d%nheap in use: %d MB early, %d MB at the end (%s)",
                passed() ? "PASSED" : "FAILED", boards, wallSeconds, outcomes, falsePasses.size(), falsePasses,
                unknownBoards.size(), lostRows, duplicateRows, stuckSlots, centralMissing, heapMbEarly, heapMbEnd,
                heapStable() ? "stable" : "growing");
    }
}
