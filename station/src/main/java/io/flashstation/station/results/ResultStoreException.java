package io.flashstation.station.results;

/** The results database could not be opened, migrated, written or read; the message says which and where. */
public class ResultStoreException extends RuntimeException {

    public ResultStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ResultStoreException(String message) {
        super(message);
    }
}
