package io.flashstation.probe.stlink;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.SwdTransferException.Failure;

/**
 * ST-Link status codes (stlink.md §7) and what they mean to the caller: success, a WAIT the caller may retry,
 * an SWD failure with its {@link Failure} kind, or a probe-side refusal.
 */
final class StlinkStatus {

    static final int OK = 0x80;
    /** JTAG_WRITE_VERIF_ERROR: OpenOCD treats it as success (stlink.md §7). */
    static final int WRITE_VERIFY_ERROR = 0x0D;
    static final int SWD_AP_WAIT = 0x10;
    static final int SWD_DP_WAIT = 0x14;

    private StlinkStatus() {
    }

    static boolean isOk(int status) {
        return status == OK || status == WRITE_VERIFY_ERROR;
    }

    static boolean isWait(int status) {
        return status == SWD_AP_WAIT || status == SWD_DP_WAIT;
    }

    /**
     * The exception for a failed status. {@code index} is the failing transfer's place in its batch (-1 when the
     * command is not part of one); {@code what} names the command for the message.
     */
    static ProbeException failure(int status, int index, String what) {
        String code = String.format("ST-Link status 0x%02X", status);
        Failure swd = swdFailure(status);
        if (swd != null) {
            return new SwdTransferException(swd, index, what + " failed: " + describe(status) + " (" + code + ")");
        }
        return new ProbeException(what + " failed: " + describe(status) + " (" + code + ")");
    }

    /**
     * The wire-level failure a status stands for, or null when the probe itself refused. The firmware reports
     * "ERROR" when the ACK was none of OK/WAIT/FAULT, which is what an undriven SWDIO reads as (no target); the
     * sticky-error codes mean a FAULT left a sticky flag set in the DP.
     */
    private static Failure swdFailure(int status) {
        return switch (status) {
            case SWD_AP_WAIT, SWD_DP_WAIT -> Failure.WAIT;
            case 0x11, 0x15, 0x18, 0x19, 0x1A -> Failure.FAULT;
            case 0x12, 0x16, 0x09, 0x05 -> Failure.NO_ACK;
            case 0x13, 0x17 -> Failure.PARITY;
            default -> null;
        };
    }

    private static String describe(int status) {
        return switch (status) {
            case 0x81 -> "the probe refused the command";
            case 0x05 -> "no device connected";
            case 0x09 -> "no target answers on SWD (no DPIDR)";
            case 0x0A -> "misaligned address or length";
            case SWD_AP_WAIT -> "the AP answered WAIT";
            case SWD_DP_WAIT -> "the DP answered WAIT";
            case 0x11 -> "the AP access answered FAULT";
            case 0x15 -> "the DP access answered FAULT";
            case 0x12 -> "no valid ACK to an AP access (no target?)";
            case 0x16 -> "no valid ACK to a DP access (no target?)";
            case 0x13, 0x17 -> "parity error in read data";
            case 0x18 -> "write data error (WDATAERR)";
            case 0x19 -> "sticky error set in the DP (STICKYERR)";
            case 0x1A -> "sticky overrun set in the DP (STICKYORUN)";
            case 0x1D -> "no such AP";
            case 0x41 -> "frequency not supported";
            case 0x42 -> "command unknown to this firmware";
            default -> "unexpected status";
        };
    }
}
