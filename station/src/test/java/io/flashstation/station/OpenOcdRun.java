package io.flashstation.station;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One run of the real `openocd` binary against a stlink-server port, with its exit code and output. */
record OpenOcdRun(int exitCode, String output) {

    /** OpenOCD's hla driver over the TCP backend, without a work area (the lab's cores do not execute code yet). */
    static OpenOcdRun hla(int port, String... commands) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(openocd(), "-f", "interface/stlink.cfg",
                "-c", "hla_stlink_backend tcp " + port, "-c", "transport select hla_swd",
                "-c", "set WORKAREASIZE 0", "-f", "target/stm32f4x.cfg",
                "-c", "gdb_port disabled", "-c", "telnet_port disabled", "-c", "tcl_port disabled"));
        for (String command : commands) {
            args.add("-c");
            args.add(command);
        }
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("openocd did not finish within 120 s: " + args);
        }
        return new OpenOcdRun(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    // In CI (FLASHSTATION_CI=1) a missing openocd is a failure, never a skip.
    private static String openocd() {
        Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .map(dir -> Path.of(dir, "openocd")).filter(Files::isExecutable).findFirst();
        if (System.getenv("FLASHSTATION_CI") != null && found.isEmpty()) {
            fail("openocd is not installed; .ci/run installs Debian's openocd package");
        }
        assumeTrue(found.isPresent(), "openocd is not installed");
        return found.get().toString();
    }
}
