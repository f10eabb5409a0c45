package io.flashstation.station.results;

/** The database was migrated by a newer flash-station than this one; this build refuses to touch it. */
public final class SchemaTooNewException extends ResultStoreException {

    public SchemaTooNewException(String message) {
        super(message);
    }
}
