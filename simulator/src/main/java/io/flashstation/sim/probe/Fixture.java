package io.flashstation.sim.probe;

import java.util.Optional;

/**
 * The board holder wired to one probe: empty, or holding one board. Boards come and go while the probe
 * stays plugged in; the probe sees the change as target voltage and a DP that answers or not.
 */
public final class Fixture {

    private TargetConnection board;

    /** Puts a board in; replaces nothing (a fixture holds one board). */
    public synchronized void insert(TargetConnection newBoard) {
        if (board != null) {
            throw new IllegalStateException("the fixture already holds a board");
        }
        board = newBoard;
    }

    /** Takes the board out, if there is one. */
    public synchronized Optional<TargetConnection> remove() {
        Optional<TargetConnection> removed = Optional.ofNullable(board);
        board = null;
        return removed;
    }

    /** The board in the fixture now. */
    public synchronized Optional<TargetConnection> board() {
        return Optional.ofNullable(board);
    }
}
