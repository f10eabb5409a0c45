package io.flashstation.probe.cmsisdap;

import java.util.function.IntConsumer;

/**
 * One SWD transfer as the probe will run it.
 *
 * @param request     the request byte ({@link TransferRequest})
 * @param register    the full register address (AP 0x00–0xFC, DP 0x0–0xC), for failure reports
 * @param writeValue  the value of a write
 * @param readTarget  where a read's value goes (null for writes)
 * @param batchIndex  the caller's transfer this belongs to, for failure reports (a SELECT write the driver adds
 *                    carries the index of the AP access it prepares)
 */
record WireTransfer(int request, int register, int writeValue, IntConsumer readTarget, int batchIndex) {

    /** For messages: "AP 0xFC read", "DP 0x8 write". */
    String describe() {
        return String.format("%s 0x%X %s", TransferRequest.isAp(request) ? "AP" : "DP", register,
                isRead() ? "read" : "write");
    }

    boolean isRead() {
        return TransferRequest.isRead(request);
    }

    /** An AP read whose value the probe only has after its next wire access (cmsis-dap.md §7.4 item 1). */
    boolean isPostedRead() {
        return isRead() && TransferRequest.isAp(request);
    }
}
