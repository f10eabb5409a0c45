package io.flashstation.station.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashstation.station.results.ResultField;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of the API (docs/api.md) against the packaged daemon on a simulated lab where some boards carry the
 * wrong chip: what each answers, how it refuses bad input (4xx with an {"error"} sentence, never a 500), and that
 * control actions need the configured bearer token and change nothing without it.
 */
class ApiIT {

    private static final String TOKEN = "s3cret-token";
    /** Generous: a loaded build machine runs the simulated lab slowly. */
    private static final long EVENT_SECONDS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static StationDaemon daemon;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startStation() throws Exception {
        Path state = work.resolve("state");
        PinnedFirmware.prepare(state);
        daemon = StationDaemon.start(state, Optional.of(TOKEN), "--simulate", "4", "--sim-swap-every", "2s",
                "--sim-faults", "wrong-chip=0.3", "--sim-seed", "7");
    }

    @AfterAll
    static void stopStation() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void slotsListEveryProbeAndOneSlotByName() throws Exception {
        JsonNode slots = json(get("/api/slots"), 200);
        assertThat(slots).hasSize(4);
        JsonNode first = slots.get(0);
        assertThat(first.get("probeKind").asText()).isNotBlank();
        assertThat(first.get("state").asText()).isIn("IDLE", "WAITING", "FLASHING", "PASSED", "FAILED", "PAUSED");

        JsonNode one = json(get("/api/slots/" + path(first.get("name").asText())), 200);
        assertThat(one.get("name").asText()).isEqualTo(first.get("name").asText());
        assertThat(one.get("portPath").asText()).isEqualTo(first.get("portPath").asText());

        assertError(get("/api/slots/no-such-slot"), 404, "no slot is named 'no-such-slot'");
    }

    @Test
    void eventsStartWithEverySlotThenCarryProgressAndCommittedResults() throws Exception {
        try (EventStream events = new EventStream(HTTP, daemon.uri("/api/events"))) {
            assertThat(events.opened().statusCode()).isEqualTo(200);
            assertThat(events.opened().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            JsonNode all = events.next("slots", d -> true, EVENT_SECONDS).data();
            assertThat(all.get("slots")).hasSize(4);
            JsonNode flashing = events.next("slots", d -> stream(d.get("slots")).anyMatch(
                    s -> s.get("state").asText().equals("FLASHING") && s.get("bytesTotal").asLong() > 0),
                    EVENT_SECONDS).data();
            assertThat(stream(flashing.get("slots")).filter(s -> s.get("state").asText().equals("FLASHING"))
                    .map(s -> s.get("phase").asText())).allMatch(phase -> !phase.isBlank());
            JsonNode result = events.next("result", d -> true, EVENT_SECONDS).data();
            assertThat(result.get("outcome").asText()).isIn("PASS", "FAIL", "ABORTED");
            // the event is the committed row: the store already has it
            JsonNode stored = json(get("/api/results?limit=100"), 200);
            assertThat(stream(stored).map(r -> r.get("attempt_id").asText()))
                    .contains(result.get("attempt_id").asText());
        }
    }

    @Test
    void resultsFilterByUidAndTimeAndBoardsShowAChipsHistory() throws Exception {
        JsonNode row = awaitResult(r -> !r.get("chip_uid").isNull());
        String uid = row.get("chip_uid").asText();

        JsonNode latest = json(get("/api/results?limit=2"), 200);
        assertThat(latest.size()).isBetween(1, 2);
        JsonNode byUid = json(get("/api/results?uid=" + uid.toLowerCase()), 200);
        assertThat(stream(byUid).map(r -> r.get("chip_uid").asText())).isNotEmpty().allMatch(uid::equals);
        JsonNode since = json(get("/api/results?since=" + enc(row.get("ended_at").asText()) + "&until="
                + enc("2999-01-01T00:00:00Z")), 200);
        assertThat(stream(since).map(r -> r.get("attempt_id").asText())).contains(row.get("attempt_id").asText());
        assertThat(json(get("/api/results?until=2000-01-01T00:00:00Z"), 200)).isEmpty();

        JsonNode history = json(get("/api/boards/" + uid), 200);
        assertThat(stream(history).map(r -> r.get("attempt_number").asInt())).startsWith(1);
        assertThat(stream(history).map(r -> r.get("chip_uid").asText())).allMatch(uid::equals);

        assertError(get("/api/boards/0123456789ABCDEF01234567"), 404, "no attempt on chip 0123456789ABCDEF01234567");
        assertError(get("/api/boards/not-a-uid"), 400, "24 hex digits");
        assertError(get("/api/results?uid=12345"), 400, "uid must be a chip UID");
        assertError(get("/api/results?since=yesterday"), 400, "since must be an ISO-8601 time");
        assertError(get("/api/results?until=2026-13-01T00:00:00Z"), 400, "until must be an ISO-8601 time");
        assertError(get("/api/results?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z"), 400,
                "must be after since");
        assertError(get("/api/results?limit=0"), 400, "limit must be a whole number from 1 to 10000");
        assertError(get("/api/results?limit=many"), 400, "limit must be a whole number");
    }

    @Test
    void downloadsAreCsvAndJsonFilesOfATimeRange() throws Exception {
        JsonNode row = awaitResult(r -> true);
        String range = "?since=" + enc("2000-01-01T00:00:00Z") + "&until=" + enc("2999-01-01T00:00:00Z");

        HttpResponse<String> csv = get("/api/results.csv" + range);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .startsWith("attachment; filename=\"flash-station-results-20000101T000000Z-29990101T000000Z.csv"));
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo(String.join(",", ResultField.ALL.stream().map(ResultField::name).toList()));
        assertThat(lines).anyMatch(line -> line.startsWith(row.get("attempt_id").asText() + ","));

        HttpResponse<String> file = get("/api/results.json" + range);
        assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .endsWith(".json\""));
        assertThat(stream(json(file, 200)).map(r -> r.get("attempt_id").asText()))
                .contains(row.get("attempt_id").asText());

        HttpResponse<String> empty = get("/api/results.csv?since=2000-01-01T00:00:00Z&until=2000-01-02T00:00:00Z");
        assertThat(empty.body().lines()).hasSize(1);
        assertThat(get("/api/results.json").statusCode()).as("the last 24 hours by default").isEqualTo(200);
        assertError(get("/api/results.csv?since=noon"), 400, "since must be an ISO-8601 time");
        assertError(get("/api/results.json?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z"), 400,
                "must be after since");
    }

    @Test
    void statsCountOutcomesAndSayWhatToDoPerFailureReason() throws Exception {
        awaitResult(r -> r.get("outcome").asText().equals("FAIL"));
        JsonNode stats = json(get("/api/stats?window=8h"), 200);
        assertThat(stats.get("windowSeconds").asLong()).isEqualTo(8 * 3600);
        long passed = stats.get("passed").asLong();
        long failed = stats.get("failed").asLong();
        assertThat(failed).isPositive();
        assertThat(stats.get("attempts").asLong()).isEqualTo(passed + failed + stats.get("aborted").asLong());
        assertThat(stats.get("yield").asDouble()).isEqualTo((double) passed / (passed + failed));
        assertThat(stats.get("boardsPerHour").asDouble()).isEqualTo(passed / 8.0);
        JsonNode wrongChip = stream(stats.get("failures")).filter(f -> f.get("reason").asText().equals("WRONG_CHIP"))
                .findFirst().orElseThrow();
        assertThat(wrongChip.get("count").asLong()).isPositive();
        assertThat(wrongChip.get("whatToDo").asText()).contains("Set the board aside");

        assertThat(json(get("/api/stats"), 200).get("windowSeconds").asLong()).as("an hour by default")
                .isEqualTo(3600);
        assertError(get("/api/stats?window=soon"), 400, "window must be a duration");
        assertError(get("/api/stats?window=0s"), 400, "more than 0");
        assertError(get("/api/stats?window=2000h"), 400, "at most 744h");
    }

    @Test
    void failuresAreNewestFirstWithTheirReasonAndWhatToDo() throws Exception {
        awaitResult(r -> r.get("outcome").asText().equals("FAIL"));
        JsonNode failures = json(get("/api/failures?limit=3"), 200);
        assertThat(failures.size()).isBetween(1, 3);
        for (JsonNode failure : failures) {
            assertThat(failure.get("reason").asText()).isEqualTo("WRONG_CHIP");
            assertThat(failure.get("whatToDo").asText()).contains("different chip");
            assertThat(failure.get("message").asText()).startsWith("Wrong chip.");
        }
        assertThat(stream(failures).map(f -> f.get("at").asText()).toList())
                .isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertError(get("/api/failures?limit=0"), 400, "limit must be a whole number from 1 to 100");
    }

    @Test
    void firmwareShowsTheImageAndEveryPinAndSwitchesWithTheToken() throws Exception {
        JsonNode firmware = json(get("/api/firmware"), 200);
        assertThat(firmware.get("version").asText()).isEqualTo(PinnedFirmware.FIRST_VERSION);
        assertThat(firmware.get("pin").asText()).isEqualTo(PinnedFirmware.FIRST);
        assertThat(firmware.get("sha256").asText()).hasSize(64).startsWith(firmware.get("shortSha256").asText());
        assertThat(stream(firmware.get("pins")).map(p -> p.get("name").asText())).containsExactly(
                PinnedFirmware.FIRST, PinnedFirmware.SECOND, PinnedFirmware.NOT_FETCHED);
        assertThat(stream(firmware.get("pins")).filter(p -> p.get("active").asBoolean()).map(p -> p.get("name")
                .asText())).containsExactly(PinnedFirmware.FIRST);

        String toSecond = "{\"pin\":\"" + PinnedFirmware.SECOND + "\"}";
        assertError(post("/api/firmware/active", Optional.empty(), toSecond), 401, "needs the station's token");
        assertError(post("/api/firmware/active", Optional.of("wrong"), toSecond), 401, "the token is wrong");
        assertThat(json(get("/api/firmware"), 200).get("pin").asText()).as("a refused switch changes nothing")
                .isEqualTo(PinnedFirmware.FIRST);
        assertError(post("/api/firmware/active", Optional.of(TOKEN), "{\"pin\":\"nope\"}"), 404, "no pin is named");
        assertError(post("/api/firmware/active", Optional.of(TOKEN), "{pin"), 400, "{\"pin\": \"name\"}");
        assertError(post("/api/firmware/active", Optional.of(TOKEN), "{\"pin\":3}"), 400, "{\"pin\": \"name\"}");
        assertError(post("/api/firmware/active", Optional.of(TOKEN), "{\"pin\":\"" + PinnedFirmware.NOT_FETCHED
                + "\"}"), 409, "cannot be flashed");

        try (EventStream events = new EventStream(HTTP, daemon.uri("/api/events"))) {
            JsonNode switched = json(post("/api/firmware/active", Optional.of(TOKEN), toSecond), 200);
            assertThat(switched.get("version").asText()).isEqualTo(PinnedFirmware.SECOND_VERSION);
            assertThat(switched.get("pin").asText()).isEqualTo(PinnedFirmware.SECOND);
            JsonNode after = json(get("/api/firmware"), 200);
            assertThat(after.get("pin").asText()).isEqualTo(PinnedFirmware.SECOND);
            assertThat(stream(after.get("pins")).filter(p -> p.get("flashing").asBoolean())
                    .map(p -> p.get("name").asText())).containsExactly(PinnedFirmware.SECOND);
            // boards started after the switch are flashed with the new pin and recorded with it
            events.next("result", r -> r.get("firmware_version").asText().equals(PinnedFirmware.SECOND_VERSION),
                    EVENT_SECONDS);
        } finally {
            post("/api/firmware/active", Optional.of(TOKEN), "{\"pin\":\"" + PinnedFirmware.FIRST + "\"}");
        }
    }

    @Test
    void pauseResumeAndReflashNeedTheTokenAndARefusedPauseChangesNothing() throws Exception {
        String slot = json(get("/api/slots"), 200).get(0).get("name").asText();
        String actions = "/api/slots/" + path(slot);
        try (EventStream events = new EventStream(HTTP, daemon.uri("/api/events"))) {
            events.opened();
            assertError(post(actions + "/pause", Optional.empty(), ""), 401, "needs the station's token");
            assertError(post(actions + "/pause", Optional.of("guess"), ""), 401, "the token is wrong");
            assertError(post(actions + "/resume", Optional.empty(), ""), 401, "needs the station's token");
            assertError(post(actions + "/reflash", Optional.of("guess"), ""), 401, "the token is wrong");
            // two more boards recorded on the slot: at least one was started after the refusals, so it is not paused
            events.next("result", r -> r.get("slot").asText().equals(slot), EVENT_SECONDS);
            events.next("result", r -> r.get("slot").asText().equals(slot), EVENT_SECONDS);

            assertThat(json(post(actions + "/pause", Optional.of(TOKEN), ""), 200).get("name").asText())
                    .isEqualTo(slot);
            events.next("slots", d -> stateOf(d, slot).filter("PAUSED"::equals).isPresent(), EVENT_SECONDS);
            json(post(actions + "/resume", Optional.of(TOKEN), ""), 200);
            events.next("slots", d -> stateOf(d, slot).filter(s -> !s.equals("PAUSED")).isPresent(), EVENT_SECONDS);
            json(post(actions + "/reflash", Optional.of(TOKEN), ""), 200);
        }
        assertError(post("/api/slots/no-such-slot/pause", Optional.of(TOKEN), ""), 404, "no slot is named");
        assertError(get(actions + "/pause"), 405, "not allowed");
    }

    @Test
    void aStationWithoutATokenRefusesEveryControlActionAndSaysWhatToConfigure() throws Exception {
        try (StationDaemon bare = StationDaemon.start(work.resolve("bare"), Optional.empty(), "--simulate", "1")) {
            String slot = json(send(HttpRequest.newBuilder(bare.uri("/api/slots")).GET()), 200).get(0)
                    .get("name").asText();
            HttpResponse<String> refused = send(HttpRequest.newBuilder(bare.uri("/api/slots/" + path(slot)
                    + "/pause")).header("Authorization", "Bearer anything").POST(HttpRequest.BodyPublishers.noBody()));
            assertError(refused, 403, "configure station.api.token");
            assertThat(send(HttpRequest.newBuilder(bare.uri("/api/firmware"))).statusCode())
                    .as("read-only views need no token").isEqualTo(200);
        }
    }

    @Test
    void thePageAndItsAssetsAreServedByTheDaemon() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"app.js\"").contains("app.css").doesNotContain("http://",
                "https://");
        assertThat(get("/app.js").body()).contains("new EventSource('/api/events')");
        assertThat(get("/app.css").statusCode()).isEqualTo(200);
        assertThat(get("/api/no-such-thing").statusCode()).isEqualTo(404);
    }

    // ----------------------------------------------------------------------------------------------------------

    private static JsonNode awaitResult(Predicate<JsonNode> wanted) throws Exception {
        JsonNode stored = json(get("/api/results?limit=1000"), 200);
        Optional<JsonNode> found = stream(stored).filter(wanted).findFirst();
        if (found.isPresent()) {
            return found.get();
        }
        try (EventStream events = new EventStream(HTTP, daemon.uri("/api/events"))) {
            return events.next("result", wanted, EVENT_SECONDS).data();
        }
    }

    private static Optional<String> stateOf(JsonNode changes, String slot) {
        return stream(changes.get("slots")).filter(s -> s.get("name").asText().equals(slot))
                .map(s -> s.get("state").asText()).findFirst();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(daemon.uri(path)).GET());
    }

    private static HttpResponse<String> post(String path, Optional<String> token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(daemon.uri(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** A refusal: the status, a JSON body with one "error" sentence containing {@code says}. */
    private static void assertError(HttpResponse<String> response, int status, String says) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("error");
        assertThat(body.get("error").asText()).contains(says);
        if (status == 401) {
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                    .startsWith("Bearer"));
        }
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    private static String path(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
