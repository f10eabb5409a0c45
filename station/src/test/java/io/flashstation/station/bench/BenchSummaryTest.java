package io.flashstation.station.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashOutcome;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The reduction of per-board results: medians, maxima, means per board, and failures grouped by reason. */
class BenchSummaryTest {

    private static FlashResult result(long millis, Optional<FailureReason> reason, String message, long roundTrips) {
        return new FlashResult(reason.isEmpty() ? FlashOutcome.PASS : FlashOutcome.FAIL, reason, message,
                Optional.of("STM32F411xE"), Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
                Map.of(FlashPhase.ERASE, Duration.ofMillis(millis / 2),
                        FlashPhase.PROGRAM, Duration.ofMillis(millis / 4)),
                Duration.ofMillis(millis), 4_000_000, new ProbeCounters(roundTrips, 10 * roundTrips), 1024);
    }

    @Test
    void reducesBoardsToMediansMaximaMeansAndFailureReasons() {
        BenchRun run = new BenchRun(ProbeKind.STLINK_V3, 1024, List.of(
                result(4000, Optional.empty(), "ok", 100),
                result(8000, Optional.of(FailureReason.TIMEOUT), "first timeout", 300),
                result(2000, Optional.of(FailureReason.TIMEOUT), "second timeout", 200),
                result(6000, Optional.of(FailureReason.VERIFY_MISMATCH), "mismatch", 400)), 1.5);

        BenchSummary summary = BenchSummary.of(run);

        assertThat(summary.probe()).isEqualTo("stlink-v3");
        assertThat(summary.swdKhz()).isEqualTo(4000);
        assertThat(summary.outcomes()).containsEntry(FlashOutcome.PASS, 1L).containsEntry(FlashOutcome.FAIL, 3L);
        assertThat(summary.passed()).isEqualTo(1);
        assertThat(summary.failures()).containsOnlyKeys(FailureReason.TIMEOUT, FailureReason.VERIFY_MISMATCH);
        assertThat(summary.failures().get(FailureReason.TIMEOUT))
                .isEqualTo(new BenchSummary.Failures(2, "first timeout"));
        // an even count of boards: the median is the mean of the middle two (4 s and 6 s)
        assertThat(summary.medianSeconds()).isEqualTo(5.0);
        assertThat(summary.maxSeconds()).isEqualTo(8.0);
        assertThat(summary.phaseMedianSeconds()).containsEntry(FlashPhase.ERASE, 2.5)
                .containsEntry(FlashPhase.PROGRAM, 1.25).containsEntry(FlashPhase.VERIFY, 0.0);
        assertThat(summary.roundTripsPerBoard()).isEqualTo(250.0);
        assertThat(summary.swdTransfersPerBoard()).isEqualTo(2500.0);
        assertThat(summary.wallSeconds()).isEqualTo(1.5);
    }
}
