package io.flashstation.sim.openocd;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real OpenOCD binary as a subprocess. Where it is missing the calling test fails on CI
 * (FLASHSTATION_CI=1) and is skipped elsewhere.
 */
final class OpenOcdProcess {

    /** A finished run: exit code and everything OpenOCD printed (stdout and stderr interleaved). */
    record Result(int exitCode, String output) {
    }

    /**
     * OpenOCD's gdb, telnet and Tcl servers are not needed and their fixed ports would collide between runs on
     * one machine (a busy port makes `init` fail).
     */
    static final String NO_SERVER_PORTS = "gdb_port disabled; telnet_port disabled; tcl_port disabled";

    /** Generous wall-clock bound so that a hung OpenOCD fails the test instead of the build. */
    private static final long RUN_LIMIT_SECONDS = 600;

    private OpenOcdProcess() {
    }

    /** The openocd executable, or the test is failed (CI) or skipped (elsewhere). */
    static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "openocd");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("1".equals(System.getenv("FLASHSTATION_CI"))) {
            fail("openocd is not installed, and FLASHSTATION_CI=1 requires the OpenOCD acceptance tests to run");
        }
        assumeTrue(false, "openocd is not installed");
        throw new IllegalStateException("unreachable");
    }

    /** Runs OpenOCD with the given arguments and waits for it to finish. */
    static Result run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("\n[reading OpenOCD's output failed: ").append(e).append(']');
            }
        });
        reader.start();
        if (!process.waitFor(RUN_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join();
            fail("OpenOCD did not finish within " + RUN_LIMIT_SECONDS + " s; it printed:\n" + output);
        }
        reader.join();
        return new Result(process.exitValue(), output.toString());
    }
}
