package io.flashstation.station;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** `flash` (one board now, either backend), `probes` and `results` as a user runs them (issues 6 and 8). */
class FlashCommandIT {

    private static final Duration LIMIT = Duration.ofSeconds(120);

    @TempDir
    Path stateDir;

    @Test
    void oneBoardIsFlashedByEitherBackendAndBothAttemptsAreItsHistory() throws Exception {
        String uid = VirtualBoard.open(BoardConfig.labBoard(0)).uidHex();
        try (DaemonProcess flash = DaemonProcess.start(stateDir, List.of(), "flash", "--simulate", "stlink-v3")) {
            assertThat(flash.awaitExit(LIMIT)).as(flash.output()).isZero();
            assertThat(flash.output()).contains("PASS " + uid + " STM32F411xE: flashed and verified");
        }
        try (DaemonProcess flash = DaemonProcess.start(stateDir, List.of(), "flash", "--simulate", "stlink-v2",
                "--backend", "openocd", "--json")) {
            assertThat(flash.awaitExit(LIMIT)).as(flash.output()).isZero();
            assertThat(flash.output()).contains("\"backend\" : \"openocd\"").contains("\"attempt_number\" : 2");
        }
        try (DaemonProcess results = DaemonProcess.start(stateDir, List.of(), "results", "--uid", uid,
                "--format", "csv")) {
            assertThat(results.awaitExit(LIMIT)).as(results.output()).isZero();
            assertThat(results.output().lines().filter(line -> line.contains(uid))).hasSize(2)
                    .anySatisfy(line -> assertThat(line).contains(",native,"))
                    .anySatisfy(line -> assertThat(line).contains(",openocd,"));
        }
    }

    @Test
    void probesListsEveryVirtualProbeClassAndAnEmptyBusSaysSo() throws Exception {
        try (DaemonProcess probes = DaemonProcess.start(stateDir, List.of(), "probes", "--simulate", "7", "--json")) {
            assertThat(probes.awaitExit(LIMIT)).as(probes.output()).isZero();
            assertThat(probes.output()).contains("\"kind\" : \"cmsis-dap-v1\"", "\"kind\" : \"cmsis-dap-v2-fs\"",
                    "\"kind\" : \"cmsis-dap-v2-hs\"", "\"kind\" : \"stlink-v2\"", "\"kind\" : \"stlink-v2-1\"",
                    "\"kind\" : \"stlink-v3\"", "\"kind\" : \"jlink-ob\"");
        }
        try (DaemonProcess probes = DaemonProcess.start(stateDir, List.of(), "probes")) {
            assertThat(probes.awaitExit(LIMIT)).as(probes.output()).isZero();
            assertThat(probes.output()).contains("no probe on the USB bus");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "flash|no firmware is pinned",
            "flash --simulate jlink-pro|expected one of cmsis-dap-v1",
            "flash --simulate stlink-v3 --backend pyocd|expected native or openocd",
            "results --uid 1234|a chip UID is 24 hex digits",
            "results --since yesterday|a duration such as 30m",
            "results --format xml|expected table, csv or json"})
    void aMistakeOnTheCommandLineIsNamedWithExitStatusTwo(String command, String says) throws Exception {
        try (DaemonProcess run = DaemonProcess.start(stateDir, List.of(), command.split(" "))) {
            assertThat(run.awaitExit(LIMIT)).as(run.output()).isEqualTo(2);
            assertThat(run.output()).contains(says);
        }
    }
}
