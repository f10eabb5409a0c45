package io.flashstation.station.results;

import io.flashstation.probe.flash.FailureReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * The results of every flashing attempt in one database (the station's H2 file or a PostgreSQL database), with the
 * queue of rows still to be forwarded to the fleet's central database. Thread-safe: slots record concurrently.
 */
public final class ResultStore implements AutoCloseable {

    /** SQLState of a unique-key violation in both H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";
    /** A race on a new UID's counter or on the same attempt id loses once, then finds the winner's row. */
    private static final int RECORD_TRIES = 3;

    private final ResultDatabase database;
    /** Held open so an embedded database stays open between operations instead of reopening its file each time. */
    private final Connection keepOpen;

    private ResultStore(ResultDatabase database, Connection keepOpen) {
        this.database = database;
        this.keepOpen = keepOpen;
    }

    /**
     * Opens a results database, creating or migrating its schema.
     *
     * @throws SchemaTooNewException when a newer flash-station migrated it
     * @throws ResultStoreException  when it cannot be reached or migrated
     */
    public static ResultStore open(ResultDatabase database) {
        SchemaMigrator.migrate(database);
        try {
            return new ResultStore(database, database.dataSource().getConnection());
        } catch (SQLException e) {
            throw new ResultStoreException("cannot reach the results database at " + database + ": "
                    + e.getMessage(), e);
        }
    }

    /** Where this store keeps its rows. */
    public ResultDatabase database() {
        return database;
    }

    /**
     * Stores an attempt and queues it for the central database in one transaction, and returns once that
     * transaction has committed. The attempt number for its UID is assigned here. Recording an attempt id that is
     * already stored changes nothing and returns the stored row.
     *
     * @return the attempt as stored, with its attempt number
     */
    public AttemptRecord record(AttemptRecord attempt) {
        if (attempt.attemptNumber().isPresent()) {
            throw new IllegalArgumentException("attempt numbers are assigned by the store; record "
                    + attempt.attemptId() + " already has one");
        }
        for (int tried = 1; ; tried++) {
            try {
                return insertOnce(attempt);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || tried == RECORD_TRIES) {
                    throw new ResultStoreException("could not record attempt " + attempt.attemptId() + " in "
                            + database + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private AttemptRecord insertOnce(AttemptRecord attempt) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                Optional<AttemptRecord> stored = find(connection, attempt.attemptId());
                if (stored.isPresent()) {
                    connection.rollback();
                    return stored.get();
                }
                OptionalInt number = attempt.chipUid().isPresent()
                        ? OptionalInt.of(nextAttemptNumber(connection, attempt.chipUid().get()))
                        : OptionalInt.empty();
                AttemptRecord numbered = attempt.withAttemptNumber(number);
                try (PreparedStatement insert = connection.prepareStatement(AttemptRows.insert(1, ""))) {
                    AttemptRows.bind(insert, 0, numbered);
                    insert.executeUpdate();
                }
                Outbox.enqueue(connection, attempt.attemptId());
                connection.commit();
                return numbered;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Counts one more attempt on a UID; the row lock the UPDATE takes orders concurrent attempts on that UID. */
    private static int nextAttemptNumber(Connection connection, String uid) throws SQLException {
        try (PreparedStatement bump = connection.prepareStatement(
                "UPDATE uid_attempts SET attempts = attempts + 1 WHERE chip_uid = ?")) {
            bump.setString(1, uid);
            if (bump.executeUpdate() == 0) {
                try (PreparedStatement first = connection.prepareStatement(
                        "INSERT INTO uid_attempts (chip_uid, attempts) VALUES (?, 1)")) {
                    first.setString(1, uid);
                    first.executeUpdate();
                    return 1;
                }
            }
        }
        try (PreparedStatement read = connection.prepareStatement(
                "SELECT attempts FROM uid_attempts WHERE chip_uid = ?")) {
            read.setString(1, uid);
            try (ResultSet row = read.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** The stored attempt with this id. */
    public Optional<AttemptRecord> find(UUID attemptId) {
        try (Connection connection = connect()) {
            return find(connection, attemptId);
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    private static Optional<AttemptRecord> find(Connection connection, UUID attemptId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + AttemptRows.COLUMNS + " FROM attempts WHERE attempt_id = ?")) {
            select.setObject(1, attemptId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(AttemptRows.read(row)) : Optional.empty();
            }
        }
    }

    /** The attempts a query selects, oldest first. */
    public List<AttemptRecord> find(ResultQuery query) {
        List<Object> parameters = new ArrayList<>();
        String where = where(query, parameters);
        String order = query.limit().isPresent() ? " ORDER BY ended_at DESC, seq DESC FETCH FIRST ? ROWS ONLY"
                : " ORDER BY ended_at, seq";
        query.limit().ifPresent(parameters::add);
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT " + AttemptRows.COLUMNS + " FROM attempts" + where + order)) {
            bind(select, parameters);
            List<AttemptRecord> attempts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(AttemptRows.read(rows));
                }
            }
            if (query.limit().isPresent()) {
                Collections.reverse(attempts);
            }
            return attempts;
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    /** Every attempt on one chip, first attempt first. */
    public List<AttemptRecord> byUid(String chipUid) {
        return find(ResultQuery.all().uid(chipUid));
    }

    /** Attempts that ended in [from, until), oldest first. */
    public List<AttemptRecord> between(Instant from, Instant until) {
        return find(ResultQuery.all().since(from).until(until));
    }

    /** The newest {@code count} attempts, oldest of them first. */
    public List<AttemptRecord> latest(int count) {
        return find(ResultQuery.all().latest(count));
    }

    /** Pass, fail and abort counts and failure reasons of the attempts that ended in [from, until). */
    public ResultTotals totals(Instant from, Instant until) {
        long passed = 0;
        long failed = 0;
        long aborted = 0;
        Map<FailureReason, Long> byReason = new EnumMap<>(FailureReason.class);
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement("SELECT outcome, reason, COUNT(*) AS n"
                        + " FROM attempts WHERE ended_at >= ? AND ended_at < ? GROUP BY outcome, reason")) {
            select.setObject(1, AttemptRows.timestamp(from));
            select.setObject(2, AttemptRows.timestamp(until));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long n = rows.getLong("n");
                    switch (AttemptOutcome.valueOf(rows.getString("outcome"))) {
                        case PASS -> passed += n;
                        case FAIL -> {
                            failed += n;
                            byReason.merge(FailureReason.valueOf(rows.getString("reason")), n, Long::sum);
                        }
                        case ABORTED -> aborted += n;
                    }
                }
            }
        } catch (SQLException e) {
            throw readFailure(e);
        }
        return new ResultTotals(from, until, passed, failed, aborted, byReason);
    }

    /** Rows recorded here that the central database has not yet confirmed. */
    public long outboxBacklog() {
        try (Connection connection = connect()) {
            return Outbox.size(connection);
        } catch (SQLException e) {
            throw readFailure(e);
        }
    }

    /** The oldest rows waiting for the central database. */
    List<Outbox.Pending> oldestPending(int limit) throws SQLException {
        try (Connection connection = connect()) {
            return Outbox.oldest(connection, limit);
        }
    }

    /** Forgets rows the central database has committed. */
    void forwarded(List<Outbox.Pending> rows) throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                Outbox.remove(connection, rows);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private Connection connect() throws SQLException {
        return database.dataSource().getConnection();
    }

    private static String where(ResultQuery query, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        query.chipUid().ifPresent(uid -> {
            conditions.add("chip_uid = ?");
            parameters.add(uid);
        });
        query.stationId().ifPresent(station -> {
            conditions.add("station_id = ?");
            parameters.add(station);
        });
        query.from().ifPresent(from -> {
            conditions.add("ended_at >= ?");
            parameters.add(AttemptRows.timestamp(from));
        });
        query.until().ifPresent(until -> {
            conditions.add("ended_at < ?");
            parameters.add(AttemptRows.timestamp(until));
        });
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private ResultStoreException readFailure(SQLException e) {
        return new ResultStoreException("could not read the results database at " + database + ": "
                + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            keepOpen.close();
        } catch (SQLException e) {
            throw new ResultStoreException("could not close the results database at " + database, e);
        }
    }
}
