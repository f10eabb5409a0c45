package io.flashstation.station.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One finished run of an external program, with its exit code and its two output streams kept apart (some tools
 * report warnings only on stderr while exiting 0).
 */
record ToolRun(List<String> command, int exitCode, String stdout, String stderr) {

    /** Runs {@code command} in {@code workDir} with extra environment, failing the test after {@code timeoutSeconds}. */
    static ToolRun run(Path workDir, Map<String, String> environment, long timeoutSeconds, List<String> command)
            throws IOException, InterruptedException {
        return run(workDir, environment, timeoutSeconds, command, null);
    }

    /** As {@link #run(Path, Map, long, List)}, with {@code stdin} (or nothing, when null) as standard input. */
    static ToolRun run(Path workDir, Map<String, String> environment, long timeoutSeconds, List<String> command,
            Path stdin) throws IOException, InterruptedException {
        Path out = Files.createTempFile("tool-out", ".txt");
        Path err = Files.createTempFile("tool-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin != null) {
                builder.redirectInput(stdin.toFile());
            }
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail(command + " did not finish within " + timeoutSeconds + " s");
            }
            return new ToolRun(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs {@code command} in the repository root with the inherited environment. */
    static ToolRun run(long timeoutSeconds, String... command) throws IOException, InterruptedException {
        return run(DeployTree.root(), Map.of(), timeoutSeconds, List.of(command));
    }

    /** Both streams, for failure messages. */
    String output() {
        return command + " exited " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
}
