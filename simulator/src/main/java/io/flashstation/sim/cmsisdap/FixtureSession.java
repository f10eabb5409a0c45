package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.probe.TargetConnection;
import java.util.Optional;

/**
 * The board in the probe's fixture as the probe reaches it, and the host session that board takes part in: while a
 * host has the probe open, the board being driven is told that a session runs (TIMING.md §4), also when boards
 * are swapped under an open probe.
 */
final class FixtureSession {

    private final Fixture fixture;
    private boolean hostSession;
    private TargetConnection sessionBoard;

    FixtureSession(Fixture fixture) {
        this.fixture = fixture;
    }

    /** The board now in the fixture, enrolled in the running host session if there is one. */
    Optional<TargetConnection> board() {
        Optional<TargetConnection> board = fixture.board();
        if (hostSession && board.orElse(null) != sessionBoard) {
            endBoardSession();
            board.ifPresent(TargetConnection::sessionStarted);
            sessionBoard = board.orElse(null);
        }
        return board;
    }

    void hostOpened() {
        hostSession = true;
        board();
    }

    void hostClosed() {
        endBoardSession();
        hostSession = false;
    }

    private void endBoardSession() {
        if (sessionBoard != null) {
            sessionBoard.sessionEnded();
            sessionBoard = null;
        }
    }
}
