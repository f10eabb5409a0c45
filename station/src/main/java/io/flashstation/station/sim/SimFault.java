package io.flashstation.station.sim;

import java.util.Locale;

/** What can be wrong with a board the simulated operator puts on a fixture. */
public enum SimFault {
    /** Read protection level 1: fails READ_PROTECTED unless the policy allows unlocking. */
    LOCKED,
    /** An STM32F401CC, not the F411 the image is for: WRONG_CHIP. */
    WRONG_CHIP,
    /** A flash bit stuck at zero in the firmware: VERIFY_MISMATCH at its address. */
    STUCK_CELL,
    /** Pulled while it is being flashed: it loses power half way through its first erase. */
    YANK,
    /** Noise on the SWD lines: a few corrupted reads, which the station retries. */
    NOISE;

    /** The name in {@code --sim-faults}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
