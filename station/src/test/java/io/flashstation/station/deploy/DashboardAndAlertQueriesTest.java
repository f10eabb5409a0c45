package io.flashstation.station.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * several times: each must be valid PromQL and return at least one number. Two stations are served by
 * {@link ExpositionServer}s showing {@link StationExposition}s (a busy failing one and an idle one), a third
 * target is down.
 */
class DashboardAndAlertQueriesTest {

    /** How Grafana fills its variables for "all stations" over the last hour. */
    private static final Map<String, String> GRAFANA = Map.of("station", "(line-1|line-2)", "__range", "1h",
            "__rate_interval", "1m", "__interval", "15s");
    private static final int SCRAPES = 5;

    @TempDir
    static Path work;
    private static final List<AutoCloseable> RUNNING = new ArrayList<>();
    private static PrometheusServer prometheus;
    private static ExpositionServer busy;
    private static ExpositionServer idle;

    @BeforeAll
    static void scrapeTheStations() throws Exception {
        // the one place that says what is scraped: the daemon's /q/metrics can stand in for either exposition
        busy = started(ExpositionServer.start(new StationExposition("line-1", true)::render));
        idle = started(ExpositionServer.start(new StationExposition("line-2", false)::render));
        ScrapeTarget down = new ScrapeTarget("127.0.0.1:" + PrometheusServer.closedPort(), ExpositionServer.PATH, "line-3");

        prometheus = started(PrometheusServer.start(work, List.of(busy.target("line-1"), idle.target("line-2"), down),
                List.of(DeployTree.deploy("prometheus", "alerts.yml"))));
        Duration timeout = Duration.ofSeconds(90);
        prometheus.awaitResult("count_over_time(flashstation_probes_present{station=\"line-1\"}[5m]) >= " + SCRAPES, timeout);
        prometheus.awaitResult("count_over_time(flashstation_probes_present{station=\"line-2\"}[5m]) >= " + SCRAPES, timeout);
        prometheus.awaitResult("count_over_time(up{station=\"line-3\"}[5m]) >= 2", timeout);
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
                soft.assertThat(stations).as(name + ": " + rule.path("query").asText()).containsExactly(expected.get(name));
            }
        }
        soft.assertAll();
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void prometheusReallyScrapedEachStationRepeatedly() throws Exception {
        assertThat(busy.scrapes()).isGreaterThanOrEqualTo(SCRAPES);
        assertThat(idle.scrapes()).isGreaterThanOrEqualTo(SCRAPES);
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
    void theStandInExpositionIsValidForPromtool(@TempDir Path dir) throws Exception {
        Path exposition = dir.resolve("metrics.txt");
        Files.writeString(exposition, new StationExposition("line-1", true).render(3));
        Path promtool = RequiredTool.find("promtool", "prometheus");

        ToolRun run = ToolRun.run(dir, Map.of(), 30, List.of(promtool.toString(), "check", "metrics"), exposition);

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.stdout() + run.stderr()).as(run.output()).isBlank();
    }

    private static void assertReturnsNumbers(String what, String promql, JsonNode result) {
        assertThat(result.isEmpty()).as(what + " returned nothing: " + promql).isFalse();
        List<Double> values = new ArrayList<>();
        result.forEach(series -> values.add(Double.parseDouble(series.path("value").get(1).asText())));
        assertThat(values).as(what + " returned no number: " + promql + " -> " + result).anyMatch(v -> !v.isNaN());
    }
}
