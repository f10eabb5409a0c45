package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.SwdTransferException.Failure;
import java.util.Optional;

/**
 * The response byte of DAP_Transfer and DAP_TransferBlock (cmsis-dap.md §7.3): bits 2:0 the ACK of the last wire
 * access (1 OK, 2 WAIT, 4 FAULT, 7 no ACK), bit 3 a protocol (parity) error, in which case the ACK bits are zero,
 * bit 4 a value mismatch.
 */
final class TransferStatus {

    private static final int ACK_BITS = 0x07;
    private static final int ACK_OK = 0x1;
    private static final int ACK_WAIT = 0x2;
    private static final int ACK_FAULT = 0x4;
    private static final int PROTOCOL_ERROR = 0x08;
    private static final int VALUE_MISMATCH = 0x10;

    private TransferStatus() {
    }

    /** The failure a response byte reports, empty when every transfer went through. */
    static Optional<Failure> failureOf(int response) {
        // the parity flag comes first: it replaces the ACK bits (§7.3)
        if ((response & PROTOCOL_ERROR) != 0) {
            return Optional.of(Failure.PARITY);
        }
        return switch (response & ACK_BITS) {
            case ACK_OK -> (response & VALUE_MISMATCH) != 0 ? Optional.of(Failure.MISMATCH) : Optional.empty();
            case ACK_WAIT -> Optional.of(Failure.WAIT);
            case ACK_FAULT -> Optional.of(Failure.FAULT);
            // 7 is the undriven line; any other pattern is no valid answer either
            default -> Optional.of(Failure.NO_ACK);
        };
    }
}
