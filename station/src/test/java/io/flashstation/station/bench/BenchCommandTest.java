package io.flashstation.station.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.station.cli.FlashStationCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad `bench` options and images are refused with exit code 2 and a message saying what is wrong, before any board. */
class BenchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final StringWriter out = new StringWriter();

    private int bench(String... args) {
        CommandLine cli = new CommandLine(new FlashStationCommand());
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(out));
        String[] full = new String[args.length + 1];
        full[0] = "bench";
        System.arraycopy(args, 0, full, 1, args.length);
        return cli.execute(full);
    }

    private Path smallImage() throws Exception {
        return Files.write(dir.resolve("small.bin"), BenchImages.bootable(4096, 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // TIMING.md §3 names the probe classes
        "--probe|jlink-pro|expected cmsis-dap-v1, cmsis-dap-v2-fs, cmsis-dap-v2-hs, stlink-v2, stlink-v2-1, stlink-v3",
        "--timing|fast|expected typical or max",
        "--verify|crc|expected readback or none",
        "--boards|0|expected at least 1",
        "--swd-khz|0|expected a clock of at least 1 kHz"})
    void refusesAnInvalidOption(String option, String value, String expected) throws Exception {
        String[] args = option.equals("--probe")
                ? new String[] {"--image", smallImage().toString(), "--probe", value}
                : new String[] {"--probe", "stlink-v3", "--image", smallImage().toString(), option, value};

        int exit = bench(args);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value '" + value + "' for option '" + option + "'")
                .contains(expected);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void requiresAProbeAndAnImage() {
        assertThat(bench("--probe", "stlink-v3")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--image=FILE'");
    }

    @Test
    void refusesAMissingImage() {
        Path missing = dir.resolve("nothing.bin");

        assertThat(bench("--probe", "stlink-v3", "--image", missing.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("error: image " + missing + " does not exist or is not a file");
    }

    @Test
    void refusesAnEmptyImage() throws Exception {
        Path empty = Files.write(dir.resolve("empty.bin"), new byte[0]);

        assertThat(bench("--probe", "stlink-v3", "--image", empty.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is empty");
    }

    @Test
    void refusesAnImageLargerThanTheBoardsFlash() throws Exception {
        // stm32f411-target.md: the F411CE has 512 KiB of flash from 0x08000000
        Path large = Files.write(dir.resolve("large.bin"), BenchImages.bootable(512 * 1024 + 4, 2));

        assertThat(bench("--probe", "stlink-v3", "--image", large.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("does not fit the lab boards").contains("lies outside STM32F411xE flash");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void refusesAnUnreadableHexFile() throws Exception {
        Path hex = Files.writeString(dir.resolve("broken.hex"), "not intel hex\n");

        assertThat(bench("--probe", "stlink-v3", "--image", hex.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read image " + hex);
    }
}
