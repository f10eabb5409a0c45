package io.flashstation.sim.target;

import io.flashstation.sim.fault.FaultPlan;

import java.util.function.DoubleConsumer;
import java.util.function.UnaryOperator;

/**
 * One program, erase or option-programming operation of the flash interface: how long it keeps BSY set, what it
 * does to the cells, and what it adds to the statistics once it completes.
 * <p>
 * An operation cut short (brownout, reset while BSY) is left partly done by one rule for all kinds: the first
 * {@code fraction} of the bytes it covers, in address order, got the new content and the rest kept the old one.
 */
final class FlashOperation {

    /** What the operation is, for the STRT / OPTSTRT read-back while it runs. */
    enum Kind { PROGRAM, ERASE, OPTION }

    private final Kind kind;
    private final long durationNanos;
    private final DoubleConsumer work;
    private final UnaryOperator<FlashStats> tally;

    private FlashOperation(Kind kind, long durationNanos, DoubleConsumer work, UnaryOperator<FlashStats> tally) {
        this.kind = kind;
        this.durationNanos = durationNanos;
        this.work = work;
        this.tally = tally;
    }

    static FlashOperation program(FlashCells cells, int offset, byte[] data, long nanos) {
        return new FlashOperation(Kind.PROGRAM, nanos,
                fraction -> cells.program(offset, data, portion(fraction, data.length)),
                stats -> stats.plusProgrammed(data.length));
    }

    static FlashOperation sectorErase(FlashCells main, FlashGeometry geometry, int sector, FaultPlan faults, long nanos) {
        return new FlashOperation(Kind.ERASE, nanos,
                fraction -> eraseSectors(main, geometry, sector, sector, faults, fraction),
                FlashStats::plusSectorErase);
    }

    static FlashOperation massErase(FlashCells main, FlashGeometry geometry, FaultPlan faults, long nanos) {
        return new FlashOperation(Kind.ERASE, nanos,
                fraction -> eraseSectors(main, geometry, 0, geometry.sectorCount() - 1, faults, fraction),
                FlashStats::plusMassErase);
    }

    /**
     * Option programming; {@code securityErase} (the RDP 1→0 mass erase, or null) runs first and takes most of the
     * time, and the new option bytes only land if the whole operation completes.
     */
    static FlashOperation optionCommit(Runnable commit, FlashOperation securityErase, long nanos) {
        DoubleConsumer work = fraction -> {
            if (securityErase != null) {
                securityErase.work.accept(fraction);
            }
            if (fraction >= 1) {
                commit.run();
            }
        };
        return new FlashOperation(Kind.OPTION, nanos, work,
                securityErase == null ? UnaryOperator.identity() : securityErase.tally);
    }

    Kind kind() {
        return kind;
    }

    long durationNanos() {
        return durationNanos;
    }

    /** Runs the operation to the end and returns the statistics with it counted. */
    FlashStats complete(FlashStats before) {
        work.accept(1.0);
        return tally.apply(before);
    }

    /** Leaves the operation cut short after {@code fraction} of it; nothing is counted. */
    void cutShort(double fraction) {
        work.accept(Math.min(fraction, 1.0));
    }

    private static int portion(double fraction, int length) {
        return (int) Math.floor(fraction * length);
    }

    // A failing-erase fault leaves its sector untouched, also inside a mass erase.
    private static void eraseSectors(FlashCells main, FlashGeometry geometry, int first, int last, FaultPlan faults,
                                     double fraction) {
        int covered = geometry.base(last) + geometry.size(last) - geometry.base(first);
        int remaining = portion(fraction, covered);
        for (int sector = first; sector <= last && remaining > 0; sector++) {
            int length = Math.min(remaining, geometry.size(sector));
            if (!faults.eraseFails(sector)) {
                main.erase(geometry.base(sector), length);
            }
            remaining -= geometry.size(sector);
        }
    }
}
