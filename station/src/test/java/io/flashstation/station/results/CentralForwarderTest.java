package io.flashstation.station.results;

import static io.flashstation.station.results.SampleAttempts.pass;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet outbox (issue 7 "The fleet"): rows go from the station's H2 file to a real PostgreSQL, in order, exactly
 * once, through outages (a relay we cut and restore) and restarts, without ever holding up recording.
 */
class CentralForwarderTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path stateDir;

    private String centralSchema;
    private TcpProxy link;
    private ResultDatabase central;
    private ResultStore local;
    private final List<CentralForwarder> forwarders = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        centralSchema = TestPostgres.freshSchema();
        link = new TcpProxy(TestPostgres.address());
        central = TestPostgres.throughPort(centralSchema, link.port());
        local = ResultStore.open(ResultDatabase.h2File(stateDir));
    }

    @AfterEach
    void tearDown() throws Exception {
        forwarders.forEach(CentralForwarder::close);
        local.close();
        link.close();
    }

    // issue 7: forwarded in order, exactly once, in batches; the backlog drains to zero.
    @Test
    void everyRowArrivesOnceInRecordingOrderInBatches() {
        List<UUID> recorded = record(local, 25, 0);
        CentralForwarder forwarder = forwarder(local, 10);

        assertThat(forwarder.forwardPending()).isEqualTo(25);

        assertThat(centralIdsInArrivalOrder()).containsExactlyElementsOf(recorded);
        try (ResultStore direct = ResultStore.open(directCentral())) {
            assertThat(direct.find(ResultQuery.all())).containsExactlyElementsOf(local.find(ResultQuery.all()));
        }
        ForwarderStatus status = forwarder.status();
        assertThat(status.backlog()).isZero();
        assertThat(status.forwarded()).isEqualTo(25);
        assertThat(status.healthy()).isTrue();
        assertThat(status.lastForwardedAt()).isPresent();
    }

    // issue 7: the central database is away while boards are flashed, then back: every row arrives once.
    @Test
    void anOutageGrowsTheBacklogAndRecoveryDrainsItInOrder() {
        CentralForwarder forwarder = forwarder(local, 4);
        List<UUID> recorded = new ArrayList<>(record(local, 5, 0));
        assertThat(forwarder.forwardPending()).isEqualTo(5);

        link.cut();
        recorded.addAll(record(local, 10, 5));
        assertThat(forwarder.forwardPending()).isZero();
        ForwarderStatus away = forwarder.status();
        assertThat(away.backlog()).isEqualTo(10);
        assertThat(away.healthy()).isFalse();
        assertThat(away.lastError()).isPresent();
        assertThat(away.lastErrorAt()).isPresent();

        link.restore();
        assertThat(forwarder.forwardPending()).isEqualTo(10);

        assertThat(centralIdsInArrivalOrder()).containsExactlyElementsOf(recorded);
        assertThat(forwarder.status().backlog()).isZero();
        assertThat(forwarder.status().healthy()).isTrue();
    }

    // issue 7: the central database really stopped while boards are recorded, then started again
    @Test
    void aCentralServerStoppedAndStartedAgainGetsEveryRowOnce() throws Exception {
        TestPostgres.Cluster server = TestPostgres.privateCluster();
        try {
            CentralForwarder forwarder = new CentralForwarder(local, server.database(), 4, Duration.ofMillis(200),
                    CLOCK);
            forwarders.add(forwarder);
            List<UUID> recorded = new ArrayList<>(record(local, 3, 0));
            assertThat(forwarder.forwardPending()).isEqualTo(3);

            server.stop();
            recorded.addAll(record(local, 6, 3));
            assertThat(forwarder.forwardPending()).isZero();
            assertThat(forwarder.status().backlog()).isEqualTo(6);
            assertThat(forwarder.status().healthy()).isFalse();

            server.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (local.outboxBacklog() > 0 && System.nanoTime() < deadline) {
                forwarder.forwardPending();
                Thread.sleep(100);
            }
            try (ResultStore central = ResultStore.open(server.database())) {
                assertThat(central.find(ResultQuery.all()).stream().map(AttemptRecord::attemptId).toList())
                        .containsExactlyInAnyOrderElementsOf(recorded);
            }
            assertThat(forwarder.status().healthy()).isTrue();
        } finally {
            server.destroy();
        }
    }

    // Brief: idempotent on attempt id: rows re-sent after a crash between the central commit and the local
    // outbox delete are ignored centrally.
    @Test
    void rowsSentAgainAfterACrashBeforeTheOutboxDeleteArriveOnce() throws SQLException {
        List<UUID> recorded = record(local, 6, 0);
        CentralForwarder forwarder = forwarder(local, 4);
        forwarder.forwardPending();
        try (Connection connection = local.database().dataSource().getConnection()) {
            for (UUID id : recorded) {
                Outbox.enqueue(connection, id);
            }
        }
        assertThat(local.outboxBacklog()).isEqualTo(6);

        forwarder.forwardPending();

        assertThat(centralIdsInArrivalOrder()).containsExactlyElementsOf(recorded);
        assertThat(local.outboxBacklog()).isZero();
    }

    // issue 7: resuming after a restart: the outbox is in the station's database, not in memory.
    @Test
    void theOutboxSurvivesAStationRestart() {
        link.cut();
        List<UUID> recorded = record(local, 8, 0);
        CentralForwarder before = forwarder(local, 3);
        assertThat(before.forwardPending()).isZero();
        before.close();
        local.close();

        local = ResultStore.open(ResultDatabase.h2File(stateDir));
        link.restore();
        CentralForwarder after = forwarder(local, 3);

        assertThat(after.forwardPending()).isEqualTo(8);
        assertThat(centralIdsInArrivalOrder()).containsExactlyElementsOf(recorded);
    }

    // issue 7: flashing goes on while the central database is away; the background thread catches up.
    @Test
    void recordingNeverWaitsForTheCentralDatabaseAndTheBackgroundThreadCatchesUp() throws Exception {
        link.cut();
        CentralForwarder forwarder = forwarder(local, 5);
        forwarder.start();

        List<UUID> recorded = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            recorded.addAll(record(local, 1, i));
            forwarder.wake();
        }
        assertThat(local.outboxBacklog()).isEqualTo(12);

        link.restore();
        forwarder.wake();
        awaitBacklogZero(forwarder);

        assertThat(centralIdsInArrivalOrder()).containsExactlyElementsOf(recorded);
    }

    // Brief: the forwarder never blocks record, even while a pass hangs on a central database gone silent.
    @Test
    void recordingGoesOnWhileTheForwarderHangsOnASilentLink() throws Exception {
        link.stall();
        CentralForwarder forwarder = forwarder(local, 5);
        forwarder.start();
        forwarder.wake();

        List<UUID> recorded = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            recorded.addAll(record(local, 1, i));
            forwarder.wake();
        }
        assertThat(local.outboxBacklog()).isEqualTo(10);
        assertThat(forwarder.status().forwarded()).as("status answers while a pass hangs").isZero();

        link.cut();
        link.restore();
        awaitBacklogZero(forwarder);
        assertThat(centralIdsInArrivalOrder()).containsExactlyElementsOf(recorded);
    }

    // issue 7: two stations write to the central database at the same time.
    @Test
    void twoStationsForwardingAtOnceLoseAndDuplicateNothing(@TempDir Path otherStateDir) throws Exception {
        ResultStore other = ResultStore.open(ResultDatabase.h2File(otherStateDir));
        try {
            CentralForwarder first = forwarder(local, 3);
            CentralForwarder second = forwarder(other, 3);
            ExecutorService stations = Executors.newFixedThreadPool(2);
            try {
                Future<List<UUID>> a = stations.submit(station(local, "line-1", first));
                Future<List<UUID>> b = stations.submit(station(other, "line-2", second));
                List<UUID> fromA = a.get();
                List<UUID> fromB = b.get();
                first.forwardPending();
                second.forwardPending();

                List<UUID> arrived = centralIdsInArrivalOrder();
                assertThat(arrived).hasSize(fromA.size() + fromB.size()).doesNotHaveDuplicates();
                assertThat(arrived.stream().filter(fromA::contains).toList()).containsExactlyElementsOf(fromA);
                assertThat(arrived.stream().filter(fromB::contains).toList()).containsExactlyElementsOf(fromB);
            } finally {
                stations.shutdownNow();
            }
        } finally {
            other.close();
        }
    }

    private Callable<List<UUID>> station(ResultStore store, String stationId, CentralForwarder forwarder) {
        return () -> {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(store.record(pass(i, i).station(stationId).build()).attemptId());
                if (i % 4 == 3) {
                    forwarder.forwardPending();
                }
            }
            return ids;
        };
    }

    private CentralForwarder forwarder(ResultStore store, int batchSize) {
        CentralForwarder forwarder = new CentralForwarder(store, central, batchSize, Duration.ofMillis(50), CLOCK);
        forwarders.add(forwarder);
        return forwarder;
    }

    private static List<UUID> record(ResultStore store, int count, int firstSecond) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(store.record(pass(firstSecond + i, firstSecond + i).build()).attemptId());
        }
        return ids;
    }

    /** The background thread runs on wall-clock time; this bounds the wait without asserting how long it took. */
    private static void awaitBacklogZero(CentralForwarder forwarder) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (forwarder.status().backlog() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(forwarder.status().backlog()).as("backlog after the link came back").isZero();
    }

    /** The central database itself, not through the relay. */
    private ResultDatabase directCentral() {
        return TestPostgres.throughPort(centralSchema, TestPostgres.address().getPort());
    }

    private List<UUID> centralIdsInArrivalOrder() {
        try (Connection connection = directCentral().dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT attempt_id FROM attempts ORDER BY seq");
                ResultSet rows = select.executeQuery()) {
            List<UUID> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getObject(1, UUID.class));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
