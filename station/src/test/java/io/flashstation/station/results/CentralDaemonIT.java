package io.flashstation.station.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.station.DaemonProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A station configured with the fleet's central PostgreSQL (issue 7): every row it records locally reaches the
 * central database once, health says so, and `results --central` reads it back.
 */
class CentralDaemonIT {

    @TempDir
    Path stateDir;

    @Test
    void everyLocalRowReachesTheCentralDatabaseOnce() throws Exception {
        List<String> login = TestPostgres.loginFor(TestPostgres.freshSchema());
        List<String> central = List.of("-Dstation.id=line-7", "-Dstation.central.jdbc-url=" + login.get(0),
                "-Dstation.central.user=" + login.get(1), "-Dstation.central.password=" + login.get(2),
                "-Dstation.central.retry-interval=1s");
        try (DaemonProcess daemon = DaemonProcess.start(stateDir, central, "daemon", "--simulate", "2",
                "--sim-probe", "stlink-v3", "--sim-swap-every", "10m")) {
            // one board per fixture, then nothing: the backlog must drain to zero
            assertThat(daemon.awaitReady(Duration.ofSeconds(90))).as(daemon.output()).isTrue();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (localRowsSoFar(daemon) < 2 || !daemon.get("/q/health/ready").contains("\"central\": \"forwarding\"")
                    || !daemon.get("/q/health/ready").contains("\"central_backlog\": 0")) {
                assertThat(System.nanoTime()).as(daemon.output()).isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(daemon.stop(Duration.ofSeconds(60))).isIn(0, 143);
        }
        Set<UUID> local;
        try (ResultStore store = ResultStore.open(ResultDatabase.h2File(stateDir))) {
            local = store.find(ResultQuery.all()).stream().map(AttemptRecord::attemptId).collect(Collectors.toSet());
        }
        try (DaemonProcess results = DaemonProcess.start(stateDir, central, "results", "--central", "--format",
                "csv")) {
            assertThat(results.awaitExit(Duration.ofSeconds(60))).as(results.output()).isZero();
            Set<UUID> forwarded = results.output().lines().filter(line -> line.contains(",line-7,"))
                    .map(line -> UUID.fromString(line.substring(0, line.indexOf(',')))).collect(Collectors.toSet());
            assertThat(local).hasSize(2);
            assertThat(forwarded).isEqualTo(local);
            assertThat(results.output().lines().filter(line -> line.contains(",line-7,")).count())
                    .as("once each").isEqualTo(forwarded.size());
        }
    }

    private static int localRowsSoFar(DaemonProcess daemon) throws Exception {
        String metrics = daemon.get("/q/metrics");
        return (int) metrics.lines().filter(line -> line.startsWith("flashstation_flashes_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
