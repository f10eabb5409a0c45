package io.flashstation.probe.cmsisdap;

import java.util.function.IntConsumer;

/**
 * One SWD transfer as the probe will run it.
 *
 * @param request     the request byte ({@link TransferRequest})
 * @param writeValue  the value of a write
 * @param readTarget  where a read's value goes (null for writes)
 * @param batchIndex  the caller's transfer this belongs to, for failure reports (a SELECT write the driver adds
 *                    carries the index of the AP access it prepares)
 */
record WireTransfer(int request, int writeValue, IntConsumer readTarget, int batchIndex) {

    boolean isRead() {
        return TransferRequest.isRead(request);
    }

    /** An AP read whose value the probe only has after its next wire access (cmsis-dap.md §7.4 item 1). */
    boolean isPostedRead() {
        return isRead() && TransferRequest.isAp(request);
    }
}
