package io.flashstation.station.daemon;

/** Why the station cannot start, in one sentence an operator can act on. */
public final class StationStartException extends Exception {

    public StationStartException(String message) {
        super(message);
    }
}
