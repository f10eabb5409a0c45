package io.flashstation.probe.flash;

import io.flashstation.probe.ProbeLostException;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.arm.DebugTimeoutException;
import io.flashstation.probe.target.FlashOperationException;

/** Maps what went wrong below the session onto the failure taxonomy. */
final class FailureClassifier {

    private FailureClassifier() {
    }

    static FailureReason classify(Exception failure) {
        if (failure instanceof FlashOperationException flash) {
            return switch (flash.kind()) {
                case WRONG_CHIP -> FailureReason.WRONG_CHIP;
                case IMAGE_TOO_LARGE -> FailureReason.IMAGE_TOO_LARGE;
                case READ_PROTECTED -> FailureReason.READ_PROTECTED;
                case WRITE_PROTECTED -> FailureReason.WRITE_PROTECTED;
                case ERASE_FAILED -> FailureReason.ERASE_FAILED;
                case PROGRAM_FAILED -> FailureReason.PROGRAM_FAILED;
                case VERIFY_MISMATCH -> FailureReason.VERIFY_MISMATCH;
                case TIMEOUT -> FailureReason.TIMEOUT;
            };
        }
        if (failure instanceof NoTargetException) {
            return FailureReason.NO_TARGET;
        }
        if (failure instanceof ProbeLostException) {
            return FailureReason.PROBE_LOST;
        }
        if (failure instanceof SwdTransferException swd) {
            return switch (swd.failure()) {
                case NO_ACK -> FailureReason.NO_TARGET;
                case WAIT -> FailureReason.TIMEOUT;
                case FAULT, PARITY -> FailureReason.WIRE_ERROR;
                default -> FailureReason.INTERNAL;
            };
        }
        if (failure instanceof DebugTimeoutException) {
            return FailureReason.TIMEOUT;
        }
        return FailureReason.INTERNAL;
    }
}
