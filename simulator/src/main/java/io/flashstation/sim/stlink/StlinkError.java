package io.flashstation.sim.stlink;

/** A command failed inside the probe; carries the status byte the firmware reports for it. */
final class StlinkError extends Exception {

    private final int status;

    StlinkError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
