package io.flashstation.probe.flash;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeLostException;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.SwdTransferException.Failure;
import io.flashstation.probe.arm.DebugTimeoutException;
import io.flashstation.probe.target.FlashOperationException;
import io.flashstation.probe.target.FlashOperationException.Kind;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {

    @Test
    void everyChipLevelKindHasItsReason() {
        // DESIGN.md "The flow of one board": one small taxonomy
        for (Kind kind : Kind.values()) {
            assertThat(FailureClassifier.classify(new FlashOperationException(kind, "x")).name())
                    .isEqualTo(kind.name());
        }
    }

    @Test
    void probeAndWireFailuresMapOntoTheTaxonomy() {
        assertThat(FailureClassifier.classify(new ProbeLostException("gone", null))).isEqualTo(FailureReason.PROBE_LOST);
        assertThat(FailureClassifier.classify(new SwdTransferException(Failure.NO_ACK, 0, "silent")))
                .isEqualTo(FailureReason.NO_TARGET);
        assertThat(FailureClassifier.classify(new SwdTransferException(Failure.WAIT, 3, "busy")))
                .isEqualTo(FailureReason.TIMEOUT);
        assertThat(FailureClassifier.classify(new SwdTransferException(Failure.PARITY, 3, "noise")))
                .isEqualTo(FailureReason.WIRE_ERROR);
        assertThat(FailureClassifier.classify(new SwdTransferException(Failure.FAULT, 1, "sticky")))
                .isEqualTo(FailureReason.WIRE_ERROR);
        assertThat(FailureClassifier.classify(new SwdTransferException(Failure.MISMATCH, 0, "never matched")))
                .isEqualTo(FailureReason.INTERNAL);
        assertThat(FailureClassifier.classify(new DebugTimeoutException("no halt"))).isEqualTo(FailureReason.TIMEOUT);
        assertThat(FailureClassifier.classify(new NoTargetException("empty"))).isEqualTo(FailureReason.NO_TARGET);
        assertThat(FailureClassifier.classify(new ProbeException("odd"))).isEqualTo(FailureReason.INTERNAL);
        assertThat(FailureClassifier.classify(new IllegalStateException("bug"))).isEqualTo(FailureReason.INTERNAL);
    }
}
