package io.flashstation.probe.target;

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
 * The on-target routines the driver ships (src/main/resources/io/flashstation/probe/target/*.bin) are exactly what
 * src/main/loader/build.sh makes from their sources with Debian's binutils-arm-none-eabi. Skipped without the
 * toolchain, except on CI (FLASHSTATION_CI=1), where it must run.
 */
class LoaderBlobsMatchTheirSourcesTest {

    private static final Path SOURCES = Path.of("src/main/loader");
    private static final Path COMMITTED = Path.of("src/main/resources/io/flashstation/probe/target");

    @TempDir
    Path rebuilt;

    @Test
    void committedRoutinesAreTheBuildOfTheirSources() throws Exception {
        requireToolchain();
        Process build = new ProcessBuilder("sh", SOURCES.resolve("build.sh").toString(), rebuilt.toString())
                .redirectErrorStream(true).start();
        assertThat(build.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.exitValue()).as(output).isZero();

        List<String> built = binaries(rebuilt);
        assertThat(built).contains("crc32.bin");
        assertThat(binaries(COMMITTED)).containsExactlyInAnyOrderElementsOf(built);
        for (String name : built) {
            assertThat(Files.readAllBytes(COMMITTED.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(rebuilt.resolve(name)));
        }
    }

    private static List<String> binaries(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".bin"))
                    .sorted().toList();
        }
    }

    private static void requireToolchain() {
        for (String tool : List.of("arm-none-eabi-as", "arm-none-eabi-ld", "arm-none-eabi-objcopy")) {
            boolean found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
            if (!found) {
                if ("1".equals(System.getenv("FLASHSTATION_CI"))) {
                    fail(tool + " is missing; CI must install binutils-arm-none-eabi to check the loader blobs");
                }
                assumeTrue(false, tool + " is not installed");
            }
        }
    }
}
