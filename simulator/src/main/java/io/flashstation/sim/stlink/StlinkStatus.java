package io.flashstation.sim.stlink;

/** The status bytes ST-Link firmware puts first in its replies (stlink.md §7). */
final class StlinkStatus {

    static final int OK = 0x80;
    static final int FAULT = 0x81;
    /** Reported when the SW-DP never answers a DPIDR read: no target on the cable. */
    static final int GET_IDCODE_ERROR = 0x09;
    static final int ALIGNMENT_ERROR = 0x0A;
    static final int AP_WAIT = 0x10;
    static final int AP_FAULT = 0x11;
    static final int AP_ERROR = 0x12;
    static final int AP_PARITY_ERROR = 0x13;
    static final int DP_WAIT = 0x14;
    static final int DP_FAULT = 0x15;
    static final int DP_ERROR = 0x16;
    static final int DP_PARITY_ERROR = 0x17;
    static final int BAD_AP = 0x1D;
    static final int FREQUENCY_NOT_SUPPORTED = 0x41;
    static final int UNKNOWN_COMMAND = 0x42;

    private StlinkStatus() {
    }
}
