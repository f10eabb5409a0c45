package io.flashstation.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.station.results.AttemptOutcome;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.results.ResultDatabase;
import io.flashstation.station.results.ResultQuery;
import io.flashstation.station.results.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged daemon as a service: killed, stopped, misconfigured (issue 6 durability and configuration). */
class DaemonIT {

    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path stateDir;

    @Test
    void killedMidFlashItKeepsEveryRowAndTheBoardIsFlashedAgainAfterARestart() throws Exception {
        // the first board of fixture 1; in real time it takes ~6 s, long enough to be caught mid-program
        String firstBoard = VirtualBoard.open(BoardConfig.labBoard(0)).uidHex();
        try (DaemonProcess daemon = DaemonProcess.start(stateDir, List.of(), "daemon", "--simulate", "1",
                "--sim-probe", "stlink-v3", "--realtime", "--sim-swap-every", "60s")) {
            assertThat(daemon.awaitReady(START)).as(daemon.output()).isTrue();
            awaitSlotPhase(daemon, "program");
            daemon.kill();
        }
        assertThat(rows()).as("nothing was committed for the board in flight").isEmpty();

        try (DaemonProcess daemon = DaemonProcess.start(stateDir, List.of(), "daemon", "--simulate", "1",
                "--sim-probe", "stlink-v3", "--sim-swap-every", "60s")) {
            assertThat(daemon.awaitReady(START)).as(daemon.output()).isTrue();
            awaitSlotState(daemon, "PASSED");
            assertThat(daemon.stop(Duration.ofSeconds(60))).isIn(0, 143);
        }
        List<AttemptRecord> rows = rows();
        assertThat(rows).hasSize(1);
        AttemptRecord row = rows.get(0);
        assertThat(row.chipUid()).contains(firstBoard);
        assertThat(row.outcome()).isEqualTo(AttemptOutcome.PASS);
        assertThat(row.phaseDurations()).containsKey(FlashPhase.VERIFY);
        assertThat(row.attemptNumber()).hasValue(1);
    }

    @Test
    void sigtermAbortsABoardThatCannotFinishInTimeAndRecordsIt() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(stateDir, List.of("-Dstation.shutdown-timeout=1s"), "daemon",
                "--simulate", "1", "--sim-probe", "stlink-v3", "--realtime", "--sim-swap-every", "60s")) {
            assertThat(daemon.awaitReady(START)).as(daemon.output()).isTrue();
            awaitSlotPhase(daemon, "erase");
            assertThat(daemon.stop(Duration.ofSeconds(30))).as(daemon.output()).isIn(0, 143);
        }
        List<AttemptRecord> rows = rows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).outcome()).isEqualTo(AttemptOutcome.ABORTED);
        assertThat(rows.get(0).message()).contains("stopped before this board was finished");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "-Dstation.policy.wire-retries=99|2|station.policy.wire-retries",
            "-Dstation.swd-clock-khz=-5|2|station.swd-clock-khz",
            "-Dstation.accepted-parts=STM32F103|2|station.accepted-parts",
            "-Dstation.central.jdbc-url=mysql://db/results|2|station.central.jdbc-url",
            "-Dstation.policy.circuitpy=sometimes|1|station.policy.circuitpy",
            "-Dstation.poll-interval=often|1|station.poll-interval"})
    void aConfigurationMistakeStopsStartUpNamingItsKey(String property, int status, String key) throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(stateDir, List.of(property), "daemon", "--simulate", "1")) {
            assertThat(daemon.awaitExit(START)).as(daemon.output()).isEqualTo(status);
            assertThat(daemon.output()).contains(key);
        }
    }

    @Test
    void withoutPinnedFirmwareTheRealDaemonSaysHowToPinOne() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(stateDir, List.of(), "daemon")) {
            assertThat(daemon.awaitExit(START)).as(daemon.output()).isEqualTo(2);
            assertThat(daemon.output()).contains("no firmware is pinned").contains("firmware pin");
        }
    }

    @Test
    void anUnusableStateDirectoryIsNamed() throws Exception {
        Path file = Files.writeString(stateDir.resolve("not-a-directory"), "x");
        try (DaemonProcess daemon = DaemonProcess.start(file, List.of(), "daemon", "--simulate", "1")) {
            assertThat(daemon.awaitExit(START)).as(daemon.output()).isEqualTo(2);
            assertThat(daemon.output()).contains("state directory").contains(file.toString());
        }
    }

    private List<AttemptRecord> rows() {
        try (ResultStore store = ResultStore.open(ResultDatabase.h2File(stateDir))) {
            return store.find(ResultQuery.all());
        }
    }

    private static void awaitSlotPhase(DaemonProcess daemon, String phase) throws Exception {
        await(daemon, "\"phase\":\"" + phase + "\"");
    }

    private static void awaitSlotState(DaemonProcess daemon, String state) throws Exception {
        await(daemon, "\"state\":\"" + state + "\"");
    }

    private static void await(DaemonProcess daemon, String fragment) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String slots = "";
        while (System.nanoTime() < deadline) {
            slots = daemon.get("/api/slots");
            if (slots.contains(fragment)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no slot showed " + fragment + "; last " + slots + "\n" + daemon.output());
    }
}
