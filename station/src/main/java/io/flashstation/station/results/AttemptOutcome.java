package io.flashstation.station.results;

/** The verdict stored for one attempt: the flash outcomes plus ABORTED for an attempt cut short by the station. */
public enum AttemptOutcome {
    PASS, FAIL,
    /** The station stopped (shutdown, crash) before the attempt reached a verdict; no reason is implied. */
    ABORTED
}
