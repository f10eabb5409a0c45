package io.flashstation.station.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** deploy/grafana/flash-station.json is an importable dashboard with the views issue 9 asks for. */
class GrafanaDashboardTest {

    private static GrafanaDashboard dashboard;

    @BeforeAll
    static void read() throws Exception {
        dashboard = GrafanaDashboard.read();
    }

    @Test
    void importsIntoAnyGrafanaByAskingForItsPrometheusDataSource() {
        JsonNode json = dashboard.json();
        assertThat(json.path("uid").asText()).isEqualTo("flash-station");
        assertThat(json.path("title").asText()).isNotBlank();
        assertThat(json.path("schemaVersion").asInt()).isPositive();
        assertThat(json.path("__inputs").get(0).path("name").asText()).isEqualTo("DS_PROMETHEUS");
        assertThat(json.path("__inputs").get(0).path("pluginId").asText()).isEqualTo("prometheus");
        // an import must not carry the id of the Grafana it was exported from
        assertThat(json.has("id")).isFalse();
        List<String> datasources = new ArrayList<>();
        json.path("panels").forEach(p -> {
            datasources.add(p.path("datasource").path("uid").asText());
            p.path("targets").forEach(t -> datasources.add(t.path("datasource").path("uid").asText()));
        });
        assertThat(datasources).isNotEmpty().allMatch("${DS_PROMETHEUS}"::equals);
    }

    @Test
    void panelIdsAndPlacesAreUnique() {
        List<Integer> ids = new ArrayList<>();
        List<String> places = new ArrayList<>();
        dashboard.json().path("panels").forEach(p -> {
            ids.add(p.path("id").asInt());
            places.add(p.path("gridPos").path("x").asInt() + "," + p.path("gridPos").path("y").asInt());
        });
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(places).doesNotHaveDuplicates();
    }

    @Test
    void hasAStationSelectorThatEveryQueryHonours() {
        JsonNode station = dashboard.variable("station");
        assertThat(station.path("query").path("query").asText()).isEqualTo("label_values(flashstation_probes_present, station)");
        assertThat(station.path("multi").asBoolean()).isTrue();
        assertThat(station.path("includeAll").asBoolean()).isTrue();
        assertThat(dashboard.queries()).isNotEmpty()
                .allSatisfy(q -> assertThat(q.expr()).as(q.toString()).contains("station=~\"$station\""));
    }

    @Test
    void showsYieldPassFailByReasonBoardsPerHourSlotsPhasesAndBacklog() {
        assertThat(dashboard.titles()).contains("Yield", "Pass / fail by reason", "Boards per hour", "Slot status",
                "Phase durations p50 by probe kind", "Phase durations p95 by probe kind", "Replication backlog");
        assertThat(exprOf("Pass / fail by reason")).contains("by (outcome, reason)");
        assertThat(exprOf("Slot status")).contains("flashstation_slot_state");
        assertThat(exprOf("Phase durations p50 by probe kind")).startsWith("histogram_quantile(0.5,")
                .contains("by (le, probe_kind, phase)").contains("flashstation_phase_duration_seconds_bucket");
        assertThat(exprOf("Phase durations p95 by probe kind")).startsWith("histogram_quantile(0.95,")
                .contains("by (le, probe_kind, phase)");
        assertThat(exprOf("Replication backlog")).contains("flashstation_replication_backlog");
    }

    @Test
    void substitutionReplacesLongerGrafanaVariablesFirst() {
        GrafanaDashboard.Query q = new GrafanaDashboard.Query("p", "A", "rate(x{station=~\"$station\"}[$__rate_interval]) [$__range]");

        assertThat(q.substituted(Map.of("station", "a|b", "__rate_interval", "1m", "__range", "1h")))
                .isEqualTo("rate(x{station=~\"a|b\"}[1m]) [1h]");
    }

    private static String exprOf(String title) {
        return dashboard.queries().stream().filter(q -> q.panel().equals(title)).findFirst().orElseThrow().expr();
    }
}
