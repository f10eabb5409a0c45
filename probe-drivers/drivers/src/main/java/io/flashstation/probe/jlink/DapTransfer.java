package io.flashstation.probe.jlink;

import java.util.function.IntConsumer;

/**
 * One DP or AP register transfer as the caller queued it. {@code address} is the full register address (AP
 * 0x00–0xFC, DP 0x0–0xC); {@code sink} takes a read's value, {@code value} is a write's.
 */
record DapTransfer(boolean ap, boolean read, int apsel, int address, int value, IntConsumer sink) {

    /** DP registers the SW-DP must answer at once, never with WAIT or FAULT (adiv5-swd-jtag.md §5). */
    boolean answeredAtOnce() {
        return !ap && (read ? address == SwdPacketPlanner.DP_DPIDR || address == SwdPacketPlanner.DP_CTRL_STAT
                : address == SwdPacketPlanner.DP_ABORT);
    }
}
