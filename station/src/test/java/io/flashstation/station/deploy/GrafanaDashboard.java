package io.flashstation.station.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** deploy/grafana/flash-station.json read as Grafana would import it: panels, their PromQL queries, variables. */
record GrafanaDashboard(JsonNode json) {

    /** One PromQL query of one panel. */
    record Query(String panel, String refId, String expr) {

        /** The query as Grafana sends it: every $variable replaced, longest names first so $__range is not $__r... */
        String substituted(Map<String, String> variables) {
            String result = expr;
            List<String> names = variables.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList();
            for (String name : names) {
                result = result.replace("${" + name + "}", variables.get(name)).replace("$" + name, variables.get(name));
            }
            return result;
        }

        @Override
        public String toString() {
            return panel + " [" + refId + "]";
        }
    }

    static final Path FILE = DeployTree.deploy("grafana", "flash-station.json");

    static GrafanaDashboard read() throws IOException {
        return new GrafanaDashboard(new ObjectMapper().readTree(FILE.toFile()));
    }

    /** Every panel's every query, panels inside rows included. */
    List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        collect(json.path("panels"), queries);
        return queries;
    }

    private static void collect(JsonNode panels, List<Query> into) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                into.add(new Query(panel.path("title").asText(), target.path("refId").asText(), target.path("expr").asText()));
            }
            collect(panel.path("panels"), into);
        }
    }

    /** The template variable called {@code name}, or a missing node. */
    JsonNode variable(String name) {
        for (JsonNode v : json.path("templating").path("list")) {
            if (name.equals(v.path("name").asText())) {
                return v;
            }
        }
        return json.path("no such variable");
    }

    /** Every panel title. */
    List<String> titles() {
        List<String> titles = new ArrayList<>();
        json.path("panels").forEach(p -> titles.add(p.path("title").asText()));
        return titles;
    }
}
