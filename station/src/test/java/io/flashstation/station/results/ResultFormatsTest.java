package io.flashstation.station.results;

import static io.flashstation.station.results.SampleAttempts.T0;
import static io.flashstation.station.results.SampleAttempts.fail;
import static io.flashstation.station.results.SampleAttempts.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashPhase;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The three outputs of {@code results --format} (issue 6 "Command line"). */
class ResultFormatsTest {

    /** The exported names, spelled out: scripts depend on them, so renaming one must fail this test. */
    private static final List<String> FIELD_NAMES = List.of("attempt_id", "station_id", "slot", "probe_kind",
            "probe_serial", "backend", "chip_uid", "attempt_number", "part", "flash_size_kib", "firmware_version",
            "firmware_sha256", "started_at", "ended_at", "duration_ms", "outcome", "reason", "message", "connect_ms",
            "identify_ms", "check_ms", "erase_ms", "program_ms", "verify_ms", "reset_ms", "swd_clock_hz",
            "bytes_programmed");

    private static final UUID ID = UUID.fromString("5f0c6c1e-3b9a-4c55-9d2e-6a1b2c3d4e5f");

    private final AttemptRecord passed = pass(1, 10).attemptId(ID).build()
            .withAttemptNumber(OptionalInt.of(2));
    private final AttemptRecord unidentified = new AttemptRecord(UUID.randomUUID(), "line-1", "usb-1-1.4",
            "cmsis-dap-v1", "", FlashBackend.OPENOCD, Optional.empty(), Optional.empty(), OptionalInt.empty(),
            "9.2.1", SampleAttempts.FIRMWARE_SHA256, T0, T0.plusMillis(1500), AttemptOutcome.FAIL,
            Optional.of(FailureReason.NO_TARGET), "no target: check the \"VREF\" wire,\r\nthen retry",
            Map.of(FlashPhase.CONNECT, Duration.ofMillis(1500)), 0, 0, OptionalInt.empty());

    // RFC 4180 §2: CRLF records, a header, quotes around fields with comma, quote or line break, quotes doubled.
    @Test
    void csvFollowsRfc4180() throws IOException {
        StringBuilder out = new StringBuilder();
        new CsvFormat().write(List.of(passed, unidentified), out);

        String[] records = out.toString().split("\r\n(?=[^\\n]|$)", -1);
        assertThat(out.toString()).endsWith("\r\n");
        assertThat(records[0]).isEqualTo(String.join(",", FIELD_NAMES));
        assertThat(records[1]).isEqualTo(ID + ",line-1,slot-1,stlink-v2,55FF6B065177495619420887,native,"
                + "003900213036510800000001,2,STM32F411xE,512,9.2.1," + SampleAttempts.FIRMWARE_SHA256
                + ",2026-11-25T09:00:03.877Z,2026-11-25T09:00:10Z,6123,PASS,,flashed and verified,"
                + "12,8,3,2100,2900,950,15,4000000,327680");
        assertThat(out.toString()).contains(",2026-11-25T09:00:01.500Z,1500,FAIL,NO_TARGET,\"no target: check the \"\"VREF\"\" wire,\r\n"
                + "then retry\",1500,,,,,,,0,0\r\n");
        assertThat(out.toString()).contains(",openocd,,,,,9.2.1,");
    }

    // Brief: JSON is an array of objects with stable snake_case names; numbers are numbers, absent is null.
    @Test
    void jsonIsAnArrayOfObjectsWithStableNames() throws IOException {
        StringBuilder out = new StringBuilder();
        new JsonFormat().write(List.of(passed, unidentified), out);

        JsonNode array = new ObjectMapper().readTree(out.toString());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        List<String> names = new ArrayList<>();
        array.get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(FIELD_NAMES);
        JsonNode first = array.get(0);
        assertThat(first.get("attempt_id").asText()).isEqualTo(ID.toString());
        assertThat(first.get("attempt_number").isInt() || first.get("attempt_number").isLong()).isTrue();
        assertThat(first.get("attempt_number").asInt()).isEqualTo(2);
        assertThat(first.get("reason").isNull()).isTrue();
        assertThat(first.get("verify_ms").asLong()).isEqualTo(950);
        assertThat(first.get("started_at").asText()).isEqualTo("2026-11-25T09:00:03.877Z");
        JsonNode second = array.get(1);
        assertThat(second.get("chip_uid").isNull()).isTrue();
        assertThat(second.get("program_ms").isNull()).isTrue();
        assertThat(second.get("message").asText()).isEqualTo(unidentified.message());
    }

    @Test
    void jsonOfNothingIsAnEmptyArray() throws IOException {
        StringBuilder out = new StringBuilder();
        new JsonFormat().write(List.of(), out);

        assertThat(new ObjectMapper().readTree(out.toString()).isEmpty()).isTrue();
    }

    // issue 6 "results": a table a person reads: columns line up, one line per attempt, then the counts.
    @Test
    void tableAlignsColumnsAndEndsWithCounts() throws IOException {
        AttemptRecord aborted = pass(12, 20).aborted(T0.plusSeconds(20), "station shut down").build()
                .withAttemptNumber(OptionalInt.of(11));
        StringBuilder out = new StringBuilder();
        new TableFormat().write(List.of(passed, unidentified, aborted), out);

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("ENDED (UTC)          STATION  SLOT       PROBE");
        int outcomeColumn = lines.get(0).indexOf("OUTCOME");
        assertThat(lines.subList(1, 4)).allSatisfy(line -> assertThat(line.substring(outcomeColumn))
                .matches("(PASS|FAIL|ABORTED) .*"));
        int messageColumn = lines.get(0).indexOf("MESSAGE");
        assertThat(lines.get(2).substring(messageColumn))
                .isEqualTo("no target: check the \"VREF\" wire, then retry");
        // Attempt numbers line up on the right under "#".
        int numberEnd = lines.get(0).indexOf('#') + 1;
        assertThat(lines.get(1).substring(numberEnd - 2, numberEnd)).isEqualTo(" 2");
        assertThat(lines.get(3).substring(numberEnd - 2, numberEnd)).isEqualTo("11");
        assertThat(lines.get(2).substring(numberEnd - 1, numberEnd)).isEqualTo("-");
        assertThat(lines.get(1)).contains("2026-11-25 09:00:10").contains("6.1");
        assertThat(lines.get(4)).isEqualTo("3 attempts (1 PASS, 1 FAIL, 1 ABORTED)");
    }

    @Test
    void formatsAreChosenByName() {
        assertThat(ResultFormat.named("table")).isInstanceOf(TableFormat.class);
        assertThat(ResultFormat.named("CSV")).isInstanceOf(CsvFormat.class);
        assertThat(ResultFormat.named("json")).isInstanceOf(JsonFormat.class);
        assertThatThrownBy(() -> ResultFormat.named("xml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("table, csv or json");
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() {
        assertThat(CsvFormat.quoted("plain text")).isEqualTo("plain text");
        assertThat(CsvFormat.quoted("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvFormat.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvFormat.quoted("line\nbreak")).isEqualTo("\"line\nbreak\"");
        assertThat(CsvFormat.quoted("")).isEmpty();
    }

    @Test
    void aFailedAttemptShowsItsReasonInEveryFormat() throws IOException {
        AttemptRecord failed = fail(3, 30, FailureReason.READ_PROTECTED).build();
        for (String format : List.of("table", "csv", "json")) {
            StringBuilder out = new StringBuilder();
            ResultFormat.named(format).write(List.of(failed), out);
            assertThat(out).as(format).contains("READ_PROTECTED");
        }
    }
}
