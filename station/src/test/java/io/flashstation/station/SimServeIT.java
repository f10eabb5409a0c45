package io.flashstation.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged application's `sim serve`, driven the way a user drives it: start it, point real OpenOCD at the
 * printed port, stop it with SIGTERM, and find the board's state on disk; start it again and find the board as
 * it was left.
 */
class SimServeIT {

    private static final Pattern READY = Pattern.compile("stlink-server on 127\\.0\\.0\\.1:(\\d+) board-0=([0-9A-F]{24})");

    @TempDir
    Path work;

    @Test
    void openocdFlashesAServedBoardAndTheStateSurvivesARestart() throws Exception {
        byte[] image = new byte[5_003]; // odd size: neither a multiple of 4 nor of a sector
        new Random(11).nextBytes(image);
        Path imageFile = work.resolve("odd.bin");
        Files.write(imageFile, image);
        Path stateDir = work.resolve("lab");

        String uid;
        Process lab = startLab(stateDir);
        try {
            Matcher ready = awaitReady(lab);
            uid = ready.group(2);
            OpenOcdRun run = OpenOcdRun.hla(Integer.parseInt(ready.group(1)),
                    "init", "reset halt", "flash erase_sector 0 0 last",
                    "flash write_bank 0 " + imageFile + " 0", "reset", "exit");
            assertThat(run.exitCode()).as(run.output()).isZero();
        } finally {
            stop(lab);
        }

        Path board = stateDir.resolve("board-0");
        byte[] flash = Files.readAllBytes(board.resolve("flash.bin"));
        assertThat(Arrays.copyOf(flash, image.length)).isEqualTo(image);
        assertThat(flash[image.length]).isEqualTo((byte) 0xFF);
        String stats = Files.readString(board.resolve("stats.json"));
        assertThat(stats).contains("\"uid\"").contains(uid).contains("\"bytes_programmed\"");
        assertThat(stateDir.resolve("board-1").resolve("stats.json"))
                .as("a board no tool touched is saved at shutdown too").exists();
        try (var files = Files.list(board)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "flash.bin", "option-bytes.bin", "stats.json");
        }

        Process again = startLab(stateDir);
        try {
            Matcher ready = awaitReady(again);
            assertThat(ready.group(2)).isEqualTo(uid);
            OpenOcdRun run = OpenOcdRun.hla(Integer.parseInt(ready.group(1)), "init", "mdb 0x08000000 4", "exit");
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output()).containsPattern(String.format("0x08000000: %02x %02x %02x %02x",
                    image[0] & 0xFF, image[1] & 0xFF, image[2] & 0xFF, image[3] & 0xFF));
        } finally {
            stop(again);
        }
    }

    private static Process startLab(Path stateDir) throws IOException {
        String jar = System.getProperty("flashstation.app.jar");
        return new ProcessBuilder(List.of(javaBinary(), "-jar", jar, "sim", "serve", "--boards", "2",
                "--probe", "stlink-v2", "--stlink-port", "0", "--state-dir", stateDir.toString()))
                .redirectErrorStream(true).start();
    }

    private static Matcher awaitReady(Process lab) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher m = READY.matcher(line);
            if (m.find()) {
                return m;
            }
        }
        throw new AssertionError("the lab ended without a ready line:\n" + seen);
    }

    private static void stop(Process lab) throws InterruptedException {
        lab.destroy(); // SIGTERM, as systemd and Ctrl-C stop it
        if (!lab.waitFor(30, TimeUnit.SECONDS)) {
            lab.destroyForcibly();
            throw new AssertionError("sim serve did not stop on SIGTERM");
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
