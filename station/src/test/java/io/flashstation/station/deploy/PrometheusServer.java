package io.flashstation.station.deploy;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The real `prometheus` binary (Debian's package) for a test: started on a free loopback port with its own
 * configuration and data directory, scraping the given targets every second and loading the given rule files;
 * queried through its HTTP API; stopped on close.
 */
final class PrometheusServer implements AutoCloseable {

    /** Scrape and rule evaluation period: short, so a test sees several samples quickly. */
    private static final String INTERVAL = "1s";
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI base;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** Starts Prometheus in {@code workDir} scraping {@code targets} and loading {@code ruleFiles}; waits until ready. */
    static PrometheusServer start(Path workDir, List<ScrapeTarget> targets, List<Path> ruleFiles)
            throws IOException, InterruptedException {
        Path binary = RequiredTool.find("prometheus", "prometheus");
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, config(targets, ruleFiles));
        Path data = Files.createDirectories(workDir.resolve("data"));
        Path log = workDir.resolve("prometheus.log");
        int port = freePort();
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            server.await(STARTUP, "ready", server::ready);
        } catch (AssertionError | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A scrape configuration in the shape of deploy/prometheus/prometheus.yml, one static group per station. */
    private static String config(List<ScrapeTarget> targets, List<Path> ruleFiles) {
        StringBuilder yml = new StringBuilder();
        yml.append("global:\n  scrape_interval: ").append(INTERVAL).append("\n  evaluation_interval: ").append(INTERVAL)
                .append("\n  scrape_timeout: ").append(INTERVAL).append('\n');
        yml.append("rule_files:\n");
        ruleFiles.forEach(f -> yml.append("  - \"").append(f.toAbsolutePath()).append("\"\n"));
        yml.append("scrape_configs:\n  - job_name: flash-station\n    honor_labels: true\n    static_configs:\n");
        for (ScrapeTarget t : targets) {
            yml.append("      - targets: [\"").append(t.hostPort()).append("\"]\n")
                    .append("        labels:\n          station: \"").append(t.station()).append("\"\n")
                    .append("          __metrics_path__: \"").append(t.metricsPath()).append("\"\n");
        }
        return yml.toString();
    }

    /**
     * Evaluates {@code promql} now and returns the result vector (possibly empty). A query Prometheus rejects fails
     * the test with Prometheus's own error message.
     */
    JsonNode query(String promql) throws IOException, InterruptedException {
        JsonNode body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(body.path("status").asText())) {
            fail("Prometheus rejected " + promql + ": " + body.path("errorType").asText() + ": "
                    + body.path("error").asText());
        }
        return body.path("data").path("result");
    }

    /** The values a label has on series matching {@code selector} (what Grafana's label_values() lists). */
    List<String> labelValues(String label, String selector) throws IOException, InterruptedException {
        JsonNode body = get("/api/v1/label/" + label + "/values?match[]="
                + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        List<String> values = new ArrayList<>();
        body.path("data").forEach(v -> values.add(v.asText()));
        return values;
    }

    /** The rules Prometheus loaded, as /api/v1/rules lists them (groups, each with rules: name, query, ...). */
    JsonNode rules() throws IOException, InterruptedException {
        return get("/api/v1/rules").path("data").path("groups");
    }

    /** Waits until {@code promql} returns at least one series, e.g. until enough scrapes have landed. */
    void awaitResult(String promql, Duration timeout) {
        await(timeout, promql, () -> {
            try {
                return !query(promql).isEmpty();
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    private boolean ready() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    // Prometheus is a real process working in real time: its readiness and scrapes can only be polled for.
    private void await(Duration timeout, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (!process.isAlive()) {
                fail("prometheus exited with " + process.exitValue() + " while waiting for " + what + "\n" + logTail());
            }
            if (Instant.now().isAfter(deadline)) {
                fail("prometheus: no " + what + " within " + timeout + "\n" + logTail());
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port nothing listens on: a scrape target for a station that is down. */
    static int closedPort() throws IOException {
        return freePort();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: Prometheus shuts down cleanly
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
