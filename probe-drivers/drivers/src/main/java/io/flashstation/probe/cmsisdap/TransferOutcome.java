package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.SwdTransferException.Failure;
import java.util.Optional;

/**
 * How one transfer command went.
 *
 * @param completed the transfers the probe counted as done
 * @param failure   the failure that stopped it, naming the batch transfer it hit
 */
record TransferOutcome(int completed, Optional<SwdTransferException> failure) {

    static TransferOutcome succeeded(int completed) {
        return new TransferOutcome(completed, Optional.empty());
    }

    static TransferOutcome failed(int completed, Failure failure, WireTransfer blamed) {
        String message = String.format("SWD %s on transfer %d of the batch (%s)", failure, blamed.batchIndex(),
                blamed.describe());
        return new TransferOutcome(completed, Optional.of(new SwdTransferException(failure, blamed.batchIndex(),
                message)));
    }
}
