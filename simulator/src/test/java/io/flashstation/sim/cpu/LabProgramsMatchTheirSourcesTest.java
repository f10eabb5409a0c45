package io.flashstation.sim.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed lab programs (src/main/resources/io/flashstation/sim/programs) are exactly what
 * src/main/thumb/build.sh makes from their sources with Debian's binutils-arm-none-eabi. Without the toolchain the
 * check is skipped, except on CI (FLASHSTATION_CI=1), where it must run.
 */
class LabProgramsMatchTheirSourcesTest {

    private static final Path SOURCES = Path.of("src/main/thumb");
    private static final Path COMMITTED = Path.of("src/main/resources/io/flashstation/sim/programs");

    @TempDir
    Path rebuilt;

    @Test
    void committedBlobsAreTheBuildOfTheirSources() throws Exception {
        requireToolchain();
        Process build = new ProcessBuilder("sh", SOURCES.resolve("build.sh").toString(), rebuilt.toString())
                .redirectErrorStream(true).start();
        assertThat(build.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.exitValue()).as(output).isZero();

        List<String> built = names(rebuilt);
        assertThat(built).as("one blob per source").hasSize(names(SOURCES).size());
        assertThat(names(COMMITTED)).containsExactlyInAnyOrderElementsOf(built);
        for (String name : built) {
            assertThat(Files.readAllBytes(COMMITTED.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(rebuilt.resolve(name)));
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".bin") || name.endsWith(".S"))
                    .map(name -> name.replaceAll("\\.(bin|S)$", ".bin"))
                    .sorted().toList();
        }
    }

    private static void requireToolchain() {
        for (String tool : List.of("arm-none-eabi-as", "arm-none-eabi-ld", "arm-none-eabi-objcopy")) {
            boolean found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!found) {
                if ("1".equals(System.getenv("FLASHSTATION_CI"))) {
                    fail(tool + " is missing; CI must install binutils-arm-none-eabi to check the test programs");
                }
                assumeTrue(false, tool + " is not installed");
            }
        }
    }
}
