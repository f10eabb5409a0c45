package io.flashstation.probe.target;

/**
 * One of our on-target routines (flash loader, CRC) could not run as expected; the caller does the job from the
 * host instead and says so.
 */
public final class RoutineUnavailableException extends Exception {

    public RoutineUnavailableException(String message) {
        super(message);
    }
}
