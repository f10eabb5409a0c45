package io.flashstation.probe.jlink;

/**
 * The capability word of GET_CAPS (jlink.md §2.3): bit n says the probe has command n's feature. Optional
 * commands are only sent when their bit is set, because some probes hang on commands they lack (§2.12).
 */
record JlinkCapabilities(int word) {

    static final int GET_HW_VERSION = 1;
    static final int GET_SPEEDS = 9;
    static final int GET_FREE_MEMORY = 11;
    static final int SELECT_TIF = 17;
    static final int GET_EXT_CAPS = 31;

    boolean has(int bit) {
        return (word & 1 << bit) != 0;
    }
}
