package io.flashstation.station.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies the local outbox to the fleet's central database, oldest first, in batches. Each batch is one central
 * transaction of {@code INSERT ... ON CONFLICT (attempt_id) DO NOTHING}; only after it commits are its rows dropped
 * from the outbox, so a crash or outage in between re-sends rows the central database then ignores: every row
 * arrives once. Recording never waits for it: it runs on its own thread and its own connections.
 */
public final class CentralForwarder implements AutoCloseable {

    /** PostgreSQL takes at most 32767 parameters in one statement. */
    static final int MAX_BATCH = Short.MAX_VALUE / AttemptRows.COLUMN_COUNT;
    private static final String IGNORE_KNOWN = " ON CONFLICT (attempt_id) DO NOTHING";

    private final ResultStore local;
    private final ResultDatabase central;
    private final int batchSize;
    private final Duration retryInterval;
    private final Clock clock;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    /** Guards start and close only, so that {@link #wake()} never waits behind a pass. */
    private final Object lifecycle = new Object();
    private volatile ScheduledExecutorService thread;

    /** Guarded by {@code this}: the open central connection, and whether its schema has been migrated. */
    private Connection centralConnection;
    private boolean centralMigrated;

    private volatile long forwarded;
    private volatile Instant lastForwardedAt;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    /**
     * @param local         the station's store, whose outbox is drained
     * @param central       the central PostgreSQL database
     * @param batchSize     rows per central transaction
     * @param retryInterval how often the background thread looks for rows, and retries after an error
     * @param clock         the station's clock, for the times in {@link #status()}
     */
    public CentralForwarder(ResultStore local, ResultDatabase central, int batchSize, Duration retryInterval,
            Clock clock) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be 1 to " + MAX_BATCH + ", got " + batchSize);
        }
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("retry interval must be positive, got " + retryInterval);
        }
        this.local = local;
        this.central = central;
        this.batchSize = batchSize;
        this.retryInterval = retryInterval;
        this.clock = clock;
    }

    /** Starts forwarding in the background: now, every retry interval, and on {@link #wake()}. */
    public void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                throw new IllegalStateException("the central forwarder is already running");
            }
            thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "results-forwarder");
            t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(this::forwardPending, 0, retryInterval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks the background thread for a pass soon (after a row was recorded); never blocks. */
    public void wake() {
        ScheduledExecutorService running = thread;
        if (running != null && wakeQueued.compareAndSet(false, true)) {
            try {
                running.execute(() -> {
                    wakeQueued.set(false);
                    forwardPending();
                });
            } catch (RejectedExecutionException closing) {
                wakeQueued.set(false);
            }
        }
    }

    /**
     * Forwards queued rows until the outbox is empty or the central database fails; a failure is kept in
     * {@link #status()} and the rows stay queued for the next pass.
     *
     * @return rows delivered by this pass
     */
    public synchronized int forwardPending() {
        int delivered = 0;
        try {
            for (List<Outbox.Pending> batch = local.oldestPending(batchSize); !batch.isEmpty();
                    batch = local.oldestPending(batchSize)) {
                send(batch);
                local.forwarded(batch);
                delivered += batch.size();
                forwarded += batch.size();
                lastForwardedAt = clock.instant();
            }
            lastError = null;
            lastErrorAt = null;
        } catch (SQLException | RuntimeException e) {
            // Anything at all: an exception escaping a scheduled pass would silently end the background thread.
            lastError = e.getMessage() == null ? e.toString() : e.getMessage();
            lastErrorAt = clock.instant();
            dropCentralConnection();
        }
        return delivered;
    }

    /**
     * One multi-row INSERT: one round trip, and PostgreSQL assigns the central seq in VALUES order, which keeps the
     * station's order centrally.
     */
    private void send(List<Outbox.Pending> batch) throws SQLException {
        Connection connection = centralConnection();
        try (PreparedStatement insert = connection.prepareStatement(AttemptRows.insert(batch.size(), IGNORE_KNOWN))) {
            int parameter = 0;
            for (Outbox.Pending row : batch) {
                parameter = AttemptRows.bind(insert, parameter, row.attempt());
            }
            insert.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(connection, e);
            throw e;
        }
    }

    private Connection centralConnection() throws SQLException {
        if (!centralMigrated) {
            SchemaMigrator.migrate(central);
            centralMigrated = true;
        }
        if (centralConnection == null) {
            centralConnection = central.dataSource().getConnection();
            centralConnection.setAutoCommit(false);
        }
        return centralConnection;
    }

    private static void rollbackQuietly(Connection connection, SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private void dropCentralConnection() {
        if (centralConnection != null) {
            try {
                centralConnection.close();
            } catch (SQLException ignored) {
                // The connection is already broken; the next pass opens a new one.
            }
            centralConnection = null;
        }
    }

    /** Backlog, delivered count and the last error, for metrics and health. */
    public ForwarderStatus status() {
        return new ForwarderStatus(local.outboxBacklog(), forwarded, Optional.ofNullable(lastForwardedAt),
                Optional.ofNullable(lastError), Optional.ofNullable(lastErrorAt));
    }

    /** Stops the background thread (a pass in progress finishes its batch) and closes the central connection. */
    @Override
    public void close() {
        ScheduledExecutorService running;
        synchronized (lifecycle) {
            running = thread;
            thread = null;
        }
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            dropCentralConnection();
        }
    }
}
