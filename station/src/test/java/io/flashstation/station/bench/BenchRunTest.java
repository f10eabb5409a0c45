package io.flashstation.station.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Small real benches through the drivers and the virtual lab, read back through the `--json` contract. */
class BenchRunTest {

    private static final int IMAGE_BYTES = 24 * 1024;
    private static final int IMAGE_WORDS = IMAGE_BYTES / 4;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bench(String... args) throws Exception {
        Path image = Files.write(dir.resolve("image.bin"), BenchImages.bootable(IMAGE_BYTES, 7));
        CommandLine cli = new CommandLine(new FlashStationCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 3];
        full[0] = "bench";
        full[1] = "--image";
        full[2] = image.toString();
        System.arraycopy(args, 0, full, 3, args.length);
        return cli.execute(full);
    }

    @ParameterizedTest
    @CsvSource({
        // TIMING.md §3: each class's fastest SWD clock is what a bench without --swd-khz runs at
        "cmsis-dap-v1, 4000",
        "cmsis-dap-v2-hs, 10000",
        "stlink-v2-1, 4000",
        "jlink-ob, 4000"})
    void everyBoardPassesAndTheJsonCarriesTheFigures(String kind, long maxKhz) throws Exception {
        int exit = bench("--probe", kind, "--boards", "3", "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("probe").asText()).isEqualTo(kind);
        assertThat(json.get("swd_khz").asLong()).isEqualTo(maxKhz);
        assertThat(json.get("image_bytes").asLong()).isEqualTo(IMAGE_BYTES);
        assertThat(json.get("boards").asInt()).isEqualTo(3);
        assertThat(json.get("outcomes").get("PASS").asInt()).isEqualTo(3);
        assertThat(json.get("outcomes").get("FAIL").asInt()).isZero();
        double median = json.get("virtual_seconds_per_board").get("median").asDouble();
        double max = json.get("virtual_seconds_per_board").get("max").asDouble();
        // TIMING.md §1: the image sits in sector 0 (16 KB) and sector 1, so each board pays two 250 ms erases
        assertThat(json.get("phases").get("erase").asDouble()).isBetween(0.5, 0.6);
        // TIMING.md §5: programming is at least one 16 µs operation per word
        assertThat(json.get("phases").get("program").asDouble()).isGreaterThanOrEqualTo(IMAGE_WORDS * 16e-6);
        assertThat(json.get("phases").get("verify").asDouble()).isPositive();
        assertThat(json.get("phases").get("connect").asDouble()).isPositive();
        assertThat(json.get("phases").get("reset").asDouble()).isPositive();
        assertThat(median).isGreaterThan(0.5).isLessThanOrEqualTo(max);
        // batching: far fewer round trips than words moved; each word is written once and read back once
        assertThat(json.get("usb_round_trips_per_board").asDouble()).isPositive().isLessThan(IMAGE_WORDS / 4.0);
        assertThat(json.get("swd_transfers_per_board").asDouble()).isGreaterThanOrEqualTo(2.0 * IMAGE_WORDS);
        assertThat(json.get("wall_seconds").asDouble()).isPositive();
    }

    @Test
    void withoutVerificationNoTimeGoesToReadBack() throws Exception {
        // TIMING.md §5: verification is its own term; --verify none leaves it out
        int exit = bench("--probe", "cmsis-dap-v2-fs", "--boards", "2", "--verify", "none", "--swd-khz", "1000",
                "--json");

        assertThat(exit).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("swd_khz").asLong()).isEqualTo(1000);
        assertThat(json.get("outcomes").get("PASS").asInt()).isEqualTo(2);
        assertThat(json.get("phases").get("verify").asDouble()).isZero();
        assertThat(json.get("swd_transfers_per_board").asDouble()).isGreaterThanOrEqualTo(IMAGE_WORDS)
                .isLessThan(2.0 * IMAGE_WORDS);
    }

    @Test
    void theTableNamesTheProbeAndTheBoardsThatPassed() throws Exception {
        int exit = bench("--probe", "stlink-v3", "--boards", "1");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("probe              stlink-v3")
                .contains("boards             1 (1 PASS, 0 FAIL)").contains("virtual s/board");
    }
}
