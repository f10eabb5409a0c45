package io.flashstation.station.slot;

import java.util.Locale;

/** Where a slot is in its cycle; the names (lower case) are the values of the metrics' {@code state} label. */
public enum SlotState {
    /** The probe is being opened, or the slot has stopped taking boards. */
    IDLE,
    /** Polling the fixture for a board. */
    WAITING,
    /** A board is being flashed. */
    FLASHING,
    /** The last board passed; waiting for it to be taken off. */
    PASSED,
    /** The last board failed; waiting for it to be taken off. */
    FAILED,
    /** The operator paused the slot: boards are left alone. */
    PAUSED,
    /** Switched off in the configuration. */
    DISABLED;

    /** The lower-case name used in metrics and the API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
