package io.flashstation.probe.flash;

/** Why a flash attempt failed: the station's one small taxonomy (DESIGN.md "The flow of one board"). */
public enum FailureReason {
    PROBE_LOST,
    NO_TARGET,
    WRONG_CHIP,
    IMAGE_TOO_LARGE,
    READ_PROTECTED,
    WRITE_PROTECTED,
    ERASE_FAILED,
    PROGRAM_FAILED,
    VERIFY_MISMATCH,
    TIMEOUT,
    /** The SWD link itself kept failing (FAULT, parity): a loose cable or a clock too fast; worth a retry. */
    WIRE_ERROR,
    /**
     * The flashing tool the station was configured to use cannot run: OpenOCD missing, lacking the probe's interface
     * or driver, or refusing its configuration. A station fault, not the board's or the probe's.
     */
    BACKEND_UNAVAILABLE,
    INTERNAL
}
