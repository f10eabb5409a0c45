package io.flashstation.station.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The local queue of rows the central database has not yet confirmed (the outbox table). */
final class Outbox {

    /** A queued row with its place in the queue. */
    record Pending(long seq, AttemptRecord attempt) {
    }

    private Outbox() {
    }

    /** Queues an attempt; called inside the transaction that records it, so both commit or neither. */
    static void enqueue(Connection connection, UUID attemptId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO outbox (attempt_id) VALUES (?)")) {
            insert.setObject(1, attemptId);
            insert.executeUpdate();
        }
    }

    /** The oldest queued rows, in queue order. */
    static List<Pending> oldest(Connection connection, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT o.seq AS outbox_seq, a.* FROM outbox o"
                + " JOIN attempts a ON a.attempt_id = o.attempt_id ORDER BY o.seq FETCH FIRST ? ROWS ONLY")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                List<Pending> pending = new ArrayList<>();
                while (rows.next()) {
                    pending.add(new Pending(rows.getLong("outbox_seq"), AttemptRows.read(rows)));
                }
                return pending;
            }
        }
    }

    /**
     * Drops exactly the rows that were forwarded. Deleting by listed seq, not by "up to", keeps a row whose
     * transaction committed late with a lower seq.
     */
    static void remove(Connection connection, List<Pending> forwarded) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM outbox WHERE seq = ?")) {
            for (Pending row : forwarded) {
                delete.setLong(1, row.seq());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    static long size(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM outbox");
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
