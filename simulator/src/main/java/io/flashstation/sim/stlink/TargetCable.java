package io.flashstation.sim.stlink;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.probe.TargetConnection;
import io.flashstation.sim.time.VirtualClock;
import java.util.Optional;

/**
 * The probe's cable to its fixture, and the probe's own virtual clock. Every touch of a board first brings the
 * board's clock up to the probe's time and afterwards takes the board's time as the probe's, so the work the
 * board does (wire bits, flash stalls) is what the probe's answers wait for.
 */
final class TargetCable {

    private final Fixture fixture;
    private final VirtualClock probeClock = new VirtualClock();
    private TargetConnection sessionBoard;
    private boolean hostSession;

    TargetCable(Fixture fixture) {
        this.fixture = fixture;
    }

    VirtualClock probeClock() {
        return probeClock;
    }

    /** The board in the fixture now; while a host session is open, a newly seen board joins it. */
    Optional<TargetConnection> board() {
        Optional<TargetConnection> board = fixture.board();
        if (hostSession && board.isPresent() && board.get() != sessionBoard) {
            endBoardSession();
            sessionBoard = board.get();
            sessionBoard.clock().advanceTo(probeClock.nanos());
            sessionBoard.sessionStarted();
        }
        return board;
    }

    /** Brings the board's clock to the probe's time before the probe works on it. */
    void syncBoardToProbe(TargetConnection board) {
        board.clock().advanceTo(probeClock.nanos());
    }

    /** Takes the board's time (after its work) as the probe's. */
    void syncProbeToBoard(TargetConnection board) {
        probeClock.advanceTo(board.clock().nanos());
    }

    /** A host opened the probe: the board in the fixture (and any inserted later) is in a session. */
    void hostSessionStarted() {
        hostSession = true;
        board();
    }

    /** The host let go of the probe. */
    void hostSessionEnded() {
        hostSession = false;
        endBoardSession();
    }

    private void endBoardSession() {
        if (sessionBoard != null) {
            syncBoardToProbe(sessionBoard);
            sessionBoard.sessionEnded();
            sessionBoard = null;
        }
    }
}
