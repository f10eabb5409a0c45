package io.flashstation.station.slot;

/** Thrown into a running session to stop it when the station shuts down before the board is done. */
final class AttemptAbortedException extends RuntimeException {

    AttemptAbortedException() {
        super("the station shut down before this board was finished: flash it again");
    }
}
