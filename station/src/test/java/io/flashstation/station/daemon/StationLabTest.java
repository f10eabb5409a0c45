package io.flashstation.station.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.firmware.digest.Sha256;
import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.station.image.StationImage;
import io.flashstation.station.results.AttemptOutcome;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.slot.Backend;
import io.flashstation.station.slot.SlotSnapshot;
import io.flashstation.station.slot.SlotState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The station end to end on simulated labs (issue 6's tests): every board, hotplug, faults. */
class StationLabTest {

    private static final Duration LIMIT = Duration.ofMinutes(3);

    @TempDir
    Path stateDir;

    @Test
    void eightMixedProbesFlashEveryBoardOnceAndRecordItsUid() throws Exception {
        try (StationRig rig = StationRig.start(stateDir, 8, "mixed", Duration.ofMillis(700), "none")) {
            List<AttemptRecord> rows = rig.awaitRows(r -> perSlot(r).size() == 8
                    && perSlot(r).values().stream().allMatch(n -> n >= 2), LIMIT);
            Set<String> boardsPutOn = IntStream.rangeClosed(1, 8).boxed()
                    .flatMap(f -> IntStream.range(0, 50).mapToObj(n -> StationRig.uidOf(f, n)))
                    .collect(Collectors.toSet());
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.outcome()).as(row.message()).isEqualTo(AttemptOutcome.PASS);
                assertThat(row.chipUid()).hasValueSatisfying(uid -> assertThat(boardsPutOn).contains(uid));
                assertThat(row.firmwareSha256()).hasSize(64);
                assertThat(row.phaseDurations()).isNotEmpty();
            });
            // each board stays on its fixture for 700 ms while its slot looks every 40 ms: flashed once all the same
            Map<String, Long> perUid = rows.stream().collect(Collectors.groupingBy(r -> r.chipUid().orElseThrow(),
                    Collectors.counting()));
            assertThat(perUid.values()).containsOnly(1L);
            assertThat(rows.stream().map(AttemptRecord::probeKind).distinct()).hasSize(7);
        }
    }

    @Test
    void fortyEightProbesOnOneStationAllKeepFlashing() throws Exception {
        // issue 7: a 48-port hub; a small image keeps the simulation's own cost down, the slots' work is the same
        byte[] bytes = new byte[16 * 1024];
        new Random(48).nextBytes(bytes);
        StationImage image = new StationImage(FlashImage.of(0x0800_0000, bytes), "small-test",
                Sha256.of(bytes).hex(), "a small test image", false);
        long wallStart = System.nanoTime();
        try (StationRig rig = StationRig.start(stateDir, 48, "mixed", Duration.ofMillis(800), "none", Backend.NATIVE,
                image)) {
            List<AttemptRecord> rows = rig.awaitRows(r -> perSlot(r).size() == 48, LIMIT);
            double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
            assertThat(rows).allSatisfy(row -> assertThat(row.outcome()).as(row.message())
                    .isEqualTo(AttemptOutcome.PASS));
            assertThat(rows.stream().map(r -> r.chipUid().orElseThrow()).distinct()).hasSize(rows.size());
            System.out.printf("48 slots: every slot passed a board within %.1f s of wall time (%d boards)%n",
                    wallSeconds, rows.size());
        }
    }

    @Test
    void aProbeUnpluggedMidFlashEndsItsSlotAndComesBackAsANewOne() throws Exception {
        try (StationRig rig = StationRig.start(stateDir, 2, "stlink-v2", Duration.ofMillis(300), "none")) {
            awaitSlot(rig, "1-1.1", s -> s.state() == SlotState.FLASHING && s.phase().filter("program"::equals)
                    .isPresent());
            rig.lab.unplug(1);
            List<AttemptRecord> rows = rig.awaitRows(r -> r.stream().anyMatch(row -> row.reason()
                    .filter(FailureReason.PROBE_LOST::equals).isPresent()), LIMIT);
            AttemptRecord lost = rows.stream().filter(r -> r.reason().isPresent()).findFirst().orElseThrow();
            assertThat(lost.outcome()).isEqualTo(AttemptOutcome.FAIL);
            assertThat(lost.message()).isNotBlank();
            awaitCondition(() -> rig.station.slotAtPort("1-1.1").isEmpty());

            rig.lab.replug(1);
            awaitCondition(() -> rig.station.slotAtPort("1-1.1").isPresent());
            int index = rig.lab.addProbe(port -> rig.station.slotAtPort(port).map(slot -> slot.state()));
            String newPort = "1-1." + index;
            rig.awaitRows(r -> r.stream().filter(row -> row.outcome() == AttemptOutcome.PASS)
                    .map(AttemptRecord::slot).distinct().count() >= 3, LIMIT);
            assertThat(rig.station.slots()).extracting(SlotSnapshot::portPath).contains("1-1.1", "1-1.2", newPort);
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "locked=1, READ_PROTECTED, read-protected",
            "wrong-chip=1, WRONG_CHIP, STM32F401",
            "stuck-cell=1, VERIFY_MISMATCH, 0x08010213",
            "yank=1, NO_TARGET, taken off"})
    void aBadBoardFailsWithItsReasonAndASentenceForTheOperator(String fault, FailureReason reason, String says)
            throws Exception {
        try (StationRig rig = StationRig.start(stateDir, 1, "stlink-v3", Duration.ofMillis(300), fault)) {
            List<AttemptRecord> rows = rig.awaitRows(r -> r.size() >= 2, LIMIT);
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.outcome()).isEqualTo(AttemptOutcome.FAIL);
                assertThat(row.reason()).contains(reason);
                assertThat(row.message()).containsIgnoringCase(says);
            });
        }
    }

    private static Map<String, Long> perSlot(List<AttemptRecord> rows) {
        return rows.stream().collect(Collectors.groupingBy(AttemptRecord::slot, Collectors.counting()));
    }

    private static void awaitSlot(StationRig rig, String port, Predicate<SlotSnapshot> condition)
            throws InterruptedException {
        awaitCondition(() -> rig.station.slotAtPort(port).map(s -> condition.test(s.snapshot())).orElse(false));
    }

    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + LIMIT + "\n" + StationRig.slotThreads());
            }
            Thread.sleep(5);
        }
    }
}
