package io.flashstation.station.results;

import static io.flashstation.station.results.SampleAttempts.T0;
import static io.flashstation.station.results.SampleAttempts.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashOutcome;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashResult;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What a result row may hold (issue 6 "Results"), checked before it reaches a database. */
class AttemptRecordTest {

    // issue 6 "Results": a flash session's result carries verdict, chip, phases, clock and bytes into the row.
    @Test
    void aFlashResultFillsTheVerdictChipAndTimings() {
        FlashResult result = new FlashResult(FlashOutcome.FAIL, Optional.of(FailureReason.VERIFY_MISMATCH),
                "byte 0x08004000 reads 0xFF, image has 0x12", Optional.of("STM32F411xE"),
                Optional.of("0039002130365108aabbccdd"), OptionalInt.of(512), OptionalInt.of(0x0800_4000),
                Map.of(FlashPhase.VERIFY, Duration.ofNanos(1_234_567_890)), Duration.ofSeconds(6), 1_800_000,
                new ProbeCounters(10, 100), 65_536);

        AttemptRecord record = pass(1, 1).result(result).build();

        assertThat(record.outcome()).isEqualTo(AttemptOutcome.FAIL);
        assertThat(record.reason()).contains(FailureReason.VERIFY_MISMATCH);
        assertThat(record.chipUid()).contains("0039002130365108AABBCCDD");
        assertThat(record.part()).contains("STM32F411xE");
        assertThat(record.phaseDurations()).containsExactly(Map.entry(FlashPhase.VERIFY, Duration.ofMillis(1234)));
        assertThat(record.swdClockHz()).isEqualTo(1_800_000);
        assertThat(record.bytesProgrammed()).isEqualTo(65_536);
    }

    // issue 6 "Results": the outcome and reason agree (reason absent on PASS, present on FAIL).
    @Test
    void outcomeAndReasonMustAgree() {
        assertThatThrownBy(() -> pass(1, 1).outcome(AttemptOutcome.PASS, Optional.of(FailureReason.TIMEOUT), "")
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PASS has no");
        assertThatThrownBy(() -> pass(1, 1).outcome(AttemptOutcome.FAIL, Optional.empty(), "").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FAIL needs");
        assertThat(pass(1, 1).outcome(AttemptOutcome.ABORTED, Optional.of(FailureReason.PROBE_LOST), "gone")
                .build().reason()).contains(FailureReason.PROBE_LOST);
    }

    // Brief: chip UID is 24 hex digits; the firmware digest is a SHA-256.
    @Test
    void malformedIdentifiersAreRefused() {
        assertThatThrownBy(() -> pass(1, 1).chip("0039002130365108", "STM32F411xE", 512).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("24 hex digits");
        assertThatThrownBy(() -> pass(1, 1).firmware("9.2.1", "abc").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> pass(1, 1).ended(T0.minusSeconds(3600)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it starts");
    }

    // Brief: a row must not be lost to an over-long message (VARCHAR(4000) in V1__results.sql).
    @Test
    void anOverLongMessageIsCutRatherThanRefused() {
        AttemptRecord record = pass(1, 1).outcome(AttemptOutcome.PASS, Optional.empty(), "x".repeat(10_000))
                .build();

        assertThat(record.message()).hasSize(AttemptRecord.MAX_MESSAGE).endsWith("…");
    }

    // Both databases keep microseconds; a record read back must equal the one recorded.
    @Test
    void timesKeepMicrosecondsAndPhasesMilliseconds() {
        AttemptRecord record = pass(1, 1).started(T0.plusNanos(1_234_567)).ended(T0.plusNanos(9_999_999))
                .phases(Map.of(FlashPhase.ERASE, Duration.ofNanos(2_999_999))).build();

        assertThat(record.startedAt()).isEqualTo(T0.plusNanos(1_234_000));
        assertThat(record.endedAt()).isEqualTo(T0.plusNanos(9_999_000));
        assertThat(record.phaseDurations()).containsEntry(FlashPhase.ERASE, Duration.ofMillis(2));
        assertThat(record.duration()).isEqualTo(Duration.ofNanos(8_765_000));
    }
}
