package io.flashstation.station.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flashstation.station.DaemonProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dashboard query and every alert expression, evaluated by a real Prometheus that has scraped stations
 * several times: each must be valid PromQL and return at least one number. Two stations are the packaged daemon
 * in {@code --simulate} mode (a busy, failing one whose central database is away, and an idle one), a third
 * target is down.
 */
class DashboardAndAlertQueriesIT {

    /** How Grafana fills its variables for "all stations" over the last hour. */
    private static final Map<String, String> GRAFANA = Map.of("station", "(line-1|line-2)", "__range", "1h",
            "__rate_interval", "1m", "__interval", "15s");
    private static final int SCRAPES = 5;

    @TempDir
    static Path work;
    private static final List<AutoCloseable> RUNNING = new ArrayList<>();
    private static PrometheusServer prometheus;
    private static DaemonProcess busy;

    @BeforeAll
    static void scrapeTheStations() throws Exception {
        // line-1: one slot, most boards the wrong chip, a central database that is away (its backlog grows);
        // line-2: probes present but both slots switched off, so it never flashes; line-3: down
        busy = started(DaemonProcess.start(work.resolve("line-1"), List.of("-Dstation.id=line-1",
                "-Dstation.central.jdbc-url=jdbc:postgresql://127.0.0.1:" + PrometheusServer.closedPort() + "/results",
                "-Dstation.central.retry-interval=1s"),
                "daemon", "--simulate", "1", "--sim-probe", "stlink-v3", "--sim-swap-every", "1s",
                "--sim-faults", "wrong-chip=0.6"));
        DaemonProcess idle = started(DaemonProcess.start(work.resolve("line-2"), List.of("-Dstation.id=line-2",
                "-Dstation.slot.\"port-1-1.1\".enabled=false", "-Dstation.slot.\"port-1-1.2\".enabled=false"),
                "daemon", "--simulate", "2", "--sim-probe", "stlink-v2"));
        Duration timeout = Duration.ofSeconds(90);
        assertThat(busy.awaitReady(timeout)).as(busy.output()).isTrue();
        assertThat(idle.awaitReady(timeout)).as(idle.output()).isTrue();
        // the backlog alert wants a backlog at every sample: start scraping once the first row waits for it
        awaitMetric(busy, "flashstation_replication_backlog\\{[^}]*\\} [1-9]", timeout);
        ScrapeTarget down = new ScrapeTarget("127.0.0.1:" + PrometheusServer.closedPort(), "/q/metrics", "line-3");

        prometheus = started(PrometheusServer.start(work, List.of(
                new ScrapeTarget("127.0.0.1:" + busy.port(), "/q/metrics", "line-1"),
                new ScrapeTarget("127.0.0.1:" + idle.port(), "/q/metrics", "line-2"), down),
                List.of(DeployTree.deploy("prometheus", "alerts.yml"))));
        prometheus.awaitResult("count_over_time(flashstation_probes_present{station=\"line-1\"}[5m]) >= " + SCRAPES, timeout);
        prometheus.awaitResult("count_over_time(flashstation_probes_present{station=\"line-2\"}[5m]) >= " + SCRAPES, timeout);
        prometheus.awaitResult("count_over_time(up{station=\"line-3\"}[5m]) >= 2", timeout);
        prometheus.awaitResult("increase(flashstation_slot_failures_total{station=\"line-1\"}[15m]) >= 3", timeout);
        // the yield alert judges a station only once it has flashed 20 boards in the hour
        // (with margin: increase() extrapolates, and the figure moves between this wait and the test)
        prometheus.awaitResult("sum(increase(flashstation_flashes_total{station=\"line-1\"}[1h])) >= 30", timeout);
        prometheus.awaitResult("sum(increase(flashstation_flashes_total{station=\"line-1\",outcome=\"FAIL\"}[1h])) > 0",
                timeout);
        prometheus.awaitResult("sum(increase(flashstation_flashes_total{station=\"line-1\",outcome=\"PASS\"}[1h])) > 0",
                timeout);
    }

    private static void awaitMetric(DaemonProcess daemon, String regex, Duration limit) throws Exception {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + limit.toNanos();
        while (!pattern.matcher(daemon.get("/q/metrics")).find()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the daemon's metrics never matched " + regex + "\n" + daemon.output());
            }
            Thread.sleep(200);
        }
    }

    private static <T extends AutoCloseable> T started(T resource) {
        RUNNING.add(0, resource);
        return resource;
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable resource : RUNNING) {
            resource.close();
        }
    }

    static Stream<GrafanaDashboard.Query> dashboardQueries() throws Exception {
        return GrafanaDashboard.read().queries().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboardQueries")
    void dashboardQueryReturnsNumbers(GrafanaDashboard.Query query) throws Exception {
        String promql = query.substituted(GRAFANA);
        assertThat(promql).as("unsubstituted variable").doesNotContain("$");

        assertReturnsNumbers(query.toString(), promql, prometheus.query(promql));
    }

    @Test
    void everyAlertExpressionFindsTheStationThatShouldAlert() throws Exception {
        Map<String, String> expected = Map.of("FlashStationYieldLow", "line-1", "FlashStationIdle", "line-2",
                "FlashStationSlotFailing", "line-1", "FlashStationReplicationBacklogGrowing", "line-1",
                "FlashStationDown", "line-3");
        List<String> loaded = new ArrayList<>();
        SoftAssertions soft = new SoftAssertions();
        for (JsonNode group : prometheus.rules()) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.path("name").asText();
                loaded.add(name);
                JsonNode result = prometheus.query(rule.path("query").asText());
                List<String> stations = new ArrayList<>();
                result.forEach(series -> stations.add(series.path("metric").path("station").asText()));
                soft.assertThat(stations).as(name + ": " + rule.path("query").asText() + "; flashes by outcome: "
                        + prometheus.query("sum by (station, outcome) (increase(flashstation_flashes_total[1h]))"))
                        .containsExactly(expected.get(name));
            }
        }
        soft.assertAll();
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void prometheusReallyScrapedEachStationRepeatedly() throws Exception {
        assertThat(prometheus.query("count_over_time(up{station=~\"line-1|line-2\"}[5m]) >= " + SCRAPES)).hasSize(2);
        // the busy station's counters moved between scrapes, so rates are real rates
        assertThat(prometheus.query("increase(flashstation_bytes_programmed_total{station=\"line-1\"}[5m]) > 0")).isNotEmpty();
        assertThat(prometheus.query("up{station=\"line-3\"} == 0")).hasSize(1);
    }

    @Test
    void theStationVariableListsEveryStationThatReports() throws Exception {
        String query = GrafanaDashboard.read().variable("station").path("query").path("query").asText();
        assertThat(query).isEqualTo("label_values(flashstation_probes_present, station)");

        assertThat(prometheus.labelValues("station", "flashstation_probes_present")).containsExactly("line-1", "line-2");
    }

    @Test
    void anInvalidQueryFailsTheTestWithPrometheussMessage() {
        assertThatThrownBy(() -> prometheus.query("sum by (station (up)"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("bad_data");
    }

    @Test
    void theDaemonsLiveScrapeIsValidForPromtool(@TempDir Path dir) throws Exception {
        Path exposition = dir.resolve("metrics.txt");
        Files.writeString(exposition, busy.get("/q/metrics"));
        Path promtool = RequiredTool.find("promtool", "prometheus");

        ToolRun run = ToolRun.run(dir, Map.of(), 30, List.of(promtool.toString(), "check", "metrics"), exposition);

        // The Prometheus Java client (1.x) names a counter's family without _total in # TYPE and # HELP, as the
        // OpenMetrics data model does; promtool 2.42's linter looks the help up under the _total name. That one
        // complaint is expected; any other (parse errors, naming, units, duplicates) fails the scrape.
        List<String> problems = (run.stdout() + run.stderr()).lines().filter(line -> !line.isBlank())
                .filter(line -> !line.matches("\\S+_total no help text")).toList();
        assertThat(problems).as(run.output()).isEmpty();
        assertThat(Files.readString(exposition)).contains("# HELP flashstation_flashes ")
                .contains("flashstation_flashes_total{");
    }

    private static void assertReturnsNumbers(String what, String promql, JsonNode result) {
        assertThat(result.isEmpty()).as(what + " returned nothing: " + promql).isFalse();
        List<Double> values = new ArrayList<>();
        result.forEach(series -> values.add(Double.parseDouble(series.path("value").get(1).asText())));
        assertThat(values).as(what + " returned no number: " + promql + " -> " + result).anyMatch(v -> !v.isNaN());
    }
}
