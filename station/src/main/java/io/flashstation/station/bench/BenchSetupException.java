package io.flashstation.station.bench;

/** The bench cannot start as asked (unknown or unavailable probe, bad image); the message is the operator's. */
public final class BenchSetupException extends Exception {

    public BenchSetupException(String message) {
        super(message);
    }

    public BenchSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
