package io.flashstation.station.results;

import static io.flashstation.station.results.SampleAttempts.T0;
import static io.flashstation.station.results.SampleAttempts.fail;
import static io.flashstation.station.results.SampleAttempts.pass;
import static io.flashstation.station.results.SampleAttempts.uid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every results database does, run against H2 and PostgreSQL alike: the same migration and the same SQL must
 * behave the same on both (DESIGN.md "Results and metrics": same schema, Flyway migrations for both).
 */
abstract class ResultStoreContract {

    protected ResultStore store;

    /** A new, empty database of the kind under test. */
    protected abstract ResultDatabase freshDatabase() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = ResultStore.open(freshDatabase());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // issue 6 "Results": one row per attempt with every listed field.
    @Test
    void anAttemptReadsBackExactlyAsRecordedWithItsAttemptNumber() {
        AttemptRecord attempt = pass(1, 10).flashSizeKib(512)
                .outcome(AttemptOutcome.PASS, Optional.empty(), "ok, \"quoted\", ünïcode\nsecond line").build();

        AttemptRecord stored = store.record(attempt);

        assertThat(stored.attemptNumber()).hasValue(1);
        assertThat(stored).usingRecursiveComparison().ignoringFields("attemptNumber").isEqualTo(attempt);
        assertThat(store.find(attempt.attemptId())).contains(stored);
        assertThat(stored.phaseDurations()).containsOnlyKeys(FlashPhase.values());
    }

    // issue 6 "Results": a failure keeps its reason; a chip never identified has no UID, part or attempt number.
    @Test
    void aFailureWithoutAnIdentifiedChipKeepsItsReasonAndHasNoAttemptNumber() {
        AttemptRecord noTarget = new AttemptRecord(UUID.randomUUID(), "line-1", "slot-0", "cmsis-dap-v2-hs",
                "", FlashBackend.OPENOCD, Optional.empty(), Optional.empty(), OptionalInt.empty(), "9.2.1",
                SampleAttempts.FIRMWARE_SHA256, T0, T0.plusMillis(250), AttemptOutcome.FAIL,
                Optional.of(FailureReason.NO_TARGET), "no target voltage", Map.of(FlashPhase.CONNECT,
                        Duration.ofMillis(250)), 0, 0, OptionalInt.empty());

        AttemptRecord stored = store.record(noTarget);

        assertThat(stored.attemptNumber()).isEmpty();
        assertThat(store.find(noTarget.attemptId())).contains(noTarget);
    }

    // issue 6 "Results": attempt number for that UID, 1 for the first attempt ever on it.
    @Test
    void attemptNumbersCountAttemptsPerUidWhateverTheOutcome() {
        List<Integer> boardA = new ArrayList<>();
        boardA.add(store.record(fail(1, 1, FailureReason.READ_PROTECTED).build()).attemptNumber().getAsInt());
        int boardB = store.record(pass(2, 2).build()).attemptNumber().getAsInt();
        boardA.add(store.record(pass(1, 3).aborted(T0.plusSeconds(3), "station shutting down").build())
                .attemptNumber().getAsInt());
        boardA.add(store.record(pass(1, 4).build()).attemptNumber().getAsInt());

        assertThat(boardA).containsExactly(1, 2, 3);
        assertThat(boardB).isEqualTo(1);
        assertThat(store.byUid(uid(1))).extracting(AttemptRecord::outcome)
                .containsExactly(AttemptOutcome.FAIL, AttemptOutcome.ABORTED, AttemptOutcome.PASS);
    }

    // Brief: the attempt id is the idempotency key; a retried record() must not add a row or an attempt number.
    @Test
    void recordingTheSameAttemptIdTwiceStoresItOnce() {
        AttemptRecord attempt = pass(1, 1).build();
        AttemptRecord first = store.record(attempt);

        AttemptRecord again = store.record(attempt);

        assertThat(again).isEqualTo(first);
        assertThat(store.byUid(uid(1))).hasSize(1);
        assertThat(store.outboxBacklog()).isEqualTo(1);
        assertThat(store.record(pass(1, 2).build()).attemptNumber()).hasValue(2);
    }

    // Brief: the attempt number is assigned atomically per UID even when slots record at the same moment.
    @Test
    void concurrentAttemptsOnOneUidGetEveryNumberOnce() throws Exception {
        ExecutorService slots = Executors.newFixedThreadPool(6);
        try {
            List<Future<AttemptRecord>> recorded = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                int second = i;
                recorded.add(slots.submit(() -> store.record(pass(7, second).build())));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<AttemptRecord> future : recorded) {
                numbers.add(future.get().attemptNumber().getAsInt());
            }
            assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 48).boxed().toList());
        } finally {
            slots.shutdownNow();
        }
    }

    // Brief: an ABORTED row for an attempt interrupted by a shutdown, keeping what was known.
    @Test
    void anAttemptCutShortByShutdownIsStoredAbortedWithoutReason() {
        AttemptRecord aborted = pass(3, 5).phases(Map.of(FlashPhase.CONNECT, Duration.ofMillis(20),
                FlashPhase.ERASE, Duration.ofMillis(900))).aborted(T0.plusSeconds(5), "station stopped mid-erase")
                .build();

        AttemptRecord stored = store.record(aborted);

        assertThat(stored.outcome()).isEqualTo(AttemptOutcome.ABORTED);
        assertThat(stored.reason()).isEmpty();
        assertThat(store.find(aborted.attemptId()).orElseThrow().phaseDurations())
                .containsOnlyKeys(FlashPhase.CONNECT, FlashPhase.ERASE);
    }

    // issue 6 "results [--uid UID] [--since TIME]": by UID, by time range, latest N, oldest first.
    @Test
    void queriesSelectByUidTimeRangeStationAndLatest() {
        List<AttemptRecord> all = new ArrayList<>();
        for (int second = 0; second < 10; second++) {
            all.add(store.record(pass(second % 3, second * 60).build()));
        }
        AttemptRecord otherStation = store.record(pass(0, 601).station("line-2").build());

        assertThat(store.byUid(uid(0))).containsExactly(all.get(0), all.get(3), all.get(6), all.get(9),
                otherStation);
        assertThat(store.byUid(uid(0).toLowerCase())).hasSize(5);
        assertThat(store.between(T0.plusSeconds(120), T0.plusSeconds(300)))
                .containsExactly(all.get(2), all.get(3), all.get(4));
        assertThat(store.latest(3)).containsExactly(all.get(8), all.get(9), otherStation);
        assertThat(store.find(ResultQuery.all().uid(uid(0)).since(T0.plusSeconds(180)).station("line-1")))
                .containsExactly(all.get(3), all.get(6), all.get(9));
        assertThat(store.find(ResultQuery.all().uid(uid(1)).latest(2))).containsExactly(all.get(4), all.get(7));
        assertThat(store.byUid(uid(99))).isEmpty();
    }

    // Brief: totals for the API and operator page: counts, yield, boards per hour, failures by reason.
    @Test
    void totalsCountOutcomesAndReasonsInTheWindow() {
        for (int i = 0; i < 6; i++) {
            store.record(pass(i, 60 * i + 30).build());
        }
        store.record(fail(10, 100, FailureReason.VERIFY_MISMATCH).build());
        store.record(fail(11, 200, FailureReason.VERIFY_MISMATCH).build());
        store.record(fail(12, 300, FailureReason.WRONG_CHIP).build());
        store.record(pass(13, 400).aborted(T0.plusSeconds(400), "shutdown").build());
        store.record(pass(14, 1800).build());

        ResultTotals totals = store.totals(T0, T0.plusSeconds(1800));

        assertThat(totals.passed()).isEqualTo(6);
        assertThat(totals.failed()).isEqualTo(3);
        assertThat(totals.aborted()).isEqualTo(1);
        assertThat(totals.attempts()).isEqualTo(10);
        assertThat(totals.yield()).hasValueCloseTo(6 / 9.0, within(1e-9));
        assertThat(totals.boardsPerHour()).isCloseTo(12.0, within(1e-9));
        assertThat(totals.failuresByReason()).containsExactly(Map.entry(FailureReason.WRONG_CHIP, 1L),
                Map.entry(FailureReason.VERIFY_MISMATCH, 2L));
        assertThat(store.totals(T0.minusSeconds(60), T0).yield()).isEmpty();
    }

    // issue 7 "The fleet": every recorded row is queued locally, in the same transaction, for the central database.
    @Test
    void everyRecordedRowIsQueuedForTheCentralDatabase() {
        store.record(pass(1, 1).build());
        store.record(fail(2, 2, FailureReason.TIMEOUT).build());

        assertThat(store.outboxBacklog()).isEqualTo(2);
    }

    // Brief: attempt numbers are the store's to assign.
    @Test
    void aRecordThatAlreadyCarriesAnAttemptNumberIsRefused() {
        AttemptRecord stored = store.record(pass(1, 1).build());

        assertThatThrownBy(() -> store.record(stored)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("assigned by the store");
    }
}
