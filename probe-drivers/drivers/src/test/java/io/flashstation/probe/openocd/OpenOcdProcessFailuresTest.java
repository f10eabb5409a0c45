package io.flashstation.probe.openocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.flash.FlashOutcome;
import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.flash.FlashProgressListener;
import io.flashstation.probe.flash.FlashResult;
import io.flashstation.probe.target.SectorLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the backend makes of an OpenOCD that is missing or never finishes. */
class OpenOcdProcessFailuresTest {

    private static final OpenOcdProbe PROBE = OpenOcdProbe.of(ProbeKind.STLINK_V2, "066D37485051717867180001");
    private static final FlashImage IMAGE = FlashImage.of(SectorLayout.FLASH_BASE, new byte[256]);

    @TempDir
    Path work;

    private FlashResult flash(OpenOcdSettings settings) {
        return new OpenOcdFlashSession(settings, PROBE, FlashPolicy.defaults(), FlashProgressListener.NONE, work)
                .run(IMAGE);
    }

    @Test
    void aMissingExecutableIsTheBackendUnavailableAndNamesThePath() {
        Path missing = work.resolve("no-such-dir/openocd");

        FlashResult result = flash(OpenOcdSettings.defaults().withExecutable(missing));

        assertThat(result.outcome()).isEqualTo(FlashOutcome.FAIL);
        assertThat(result.reason()).contains(FailureReason.BACKEND_UNAVAILABLE);
        assertThat(result.message()).contains(missing.toString()).contains("openocd path");
        assertThat(OpenOcdInstallation.available(OpenOcdSettings.defaults().withExecutable(missing))).isEmpty();
        assertThat(leftovers()).as("the temporary image is deleted").isZero();
    }

    @Test
    void aHungOpenOcdIsKilledWithWhatItStartedAtTheTimeout() throws Exception {
        Path pids = work.resolve("pids");
        // stands in for an OpenOCD stuck on a probe: it starts a child, records both pids and never exits
        Path hung = executable("hung-openocd", "#!/bin/sh\nsleep 600 &\necho $! > " + pids + "\necho $$ >> " + pids
                + "\necho 'Open On-Chip Debugger 0.12.0'\nwait\n");

        FlashResult result = flash(OpenOcdSettings.defaults().withExecutable(hung).withTimeout(Duration.ofSeconds(2)));

        assertThat(result.reason()).contains(FailureReason.TIMEOUT);
        assertThat(result.message()).contains("did not finish within 2 s").contains("before connecting");
        for (String pid : Files.readAllLines(pids)) {
            assertThat(running(pid.trim())).as("process %s", pid).isFalse();
        }
        assertThat(leftovers()).isZero();
    }

    /**
     * Whether the process exists and is not a zombie (proc(5), /proc/pid/stat field 3). A killed orphan stays a
     * zombie until something reaps it, which in a container may be never, and ProcessHandle counts zombies alive.
     */
    private static boolean running(String pid) throws IOException {
        try {
            String fields = Files.readString(Path.of("/proc", pid, "stat"));
            return fields.charAt(fields.lastIndexOf(')') + 2) != 'Z';
        } catch (java.nio.file.NoSuchFileException reaped) {
            return false;
        }
    }

    private Path executable(String name, String script) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private long leftovers() {
        try (Stream<Path> files = Files.list(work)) {
            return files.filter(f -> f.getFileName().toString().startsWith("flash-station-")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
