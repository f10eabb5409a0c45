package io.flashstation.sim.jlink;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.probe.TargetConnection;
import io.flashstation.sim.time.VirtualClock;
import java.util.Optional;

/**
 * The probe's cable to its fixture: SWDIO/SWCLK, nRESET and VTref. It keeps boards in step with the probe's
 * virtual time (a board's clock is brought to the probe's instant before anything touches it, and the probe
 * then takes the board's time) and tells boards when a host session starts and ends.
 */
final class TargetCable {

    private final Fixture fixture;
    private boolean sessionOpen;
    private TargetConnection sessionBoard;
    private TargetConnection wiredBoard;
    private boolean resetAsserted;

    TargetCable(Fixture fixture) {
        this.fixture = fixture;
    }

    void sessionOpened(long nanos) {
        sessionOpen = true;
        boardAt(nanos);
    }

    void sessionClosed(long nanos) {
        boardAt(nanos);
        if (sessionBoard != null) {
            sessionBoard.sessionEnded();
            sessionBoard = null;
        }
        sessionOpen = false;
    }

    /**
     * Clocks {@code bits} cycles from {@code startNanos} at {@code hz} (the line contract of
     * {@link io.flashstation.sim.debug.SwdWirePort}) and returns when the last cycle ended. With no board the
     * cycles still take their time and released cycles read the pull-up.
     */
    long clock(long startNanos, long hz, int bits, byte[] drives, byte[] out, byte[] sampled) {
        Optional<TargetConnection> board = boardAt(startNanos);
        if (board.isEmpty()) {
            for (int i = 0; i < bits; i++) {
                Bits.setIfHigh(sampled, i, !Bits.get(drives, i) || Bits.get(out, i));
            }
            return startNanos + VirtualClock.bitTime(bits, hz);
        }
        TargetConnection target = board.get();
        // The board in the fixture may be newer than the last SET_SPEED, so it learns the clock before every run.
        target.wire().setClockHz(hz);
        target.wire().clock(bits, drives, out, sampled);
        return Math.max(startNanos, target.clock().nanos());
    }

    /** Drives nRESET low (asserted) or releases it (open drain), at {@code nanos}; returns when that is done. */
    long driveReset(boolean asserted, long nanos) {
        resetAsserted = asserted;
        Optional<TargetConnection> board = boardAt(nanos);
        board.ifPresent(target -> target.setResetLine(asserted));
        return board.map(target -> Math.max(nanos, target.clock().nanos())).orElse(nanos);
    }

    boolean resetAsserted() {
        return resetAsserted;
    }

    /** VTref in millivolts: the board's supply, 0 with an empty fixture. */
    int targetMillivolts(long nanos) {
        return boardAt(nanos).map(target -> (int) Math.round(target.targetVoltage() * 1000)).orElse(0);
    }

    /** The board in the fixture, its clock brought to {@code nanos}, told about the session it is now in. */
    private Optional<TargetConnection> boardAt(long nanos) {
        TargetConnection present = fixture.board().orElse(null);
        if (present != null) {
            present.clock().advanceTo(nanos);
        }
        if (present != wiredBoard) {
            // A board put in while the probe holds nRESET low comes up held in reset.
            if (present != null && resetAsserted) {
                present.setResetLine(true);
            }
            wiredBoard = present;
        }
        if (sessionOpen && present != sessionBoard) {
            if (sessionBoard != null) {
                sessionBoard.sessionEnded();
            }
            if (present != null) {
                present.sessionStarted();
            }
            sessionBoard = present;
        }
        return Optional.ofNullable(present);
    }
}
