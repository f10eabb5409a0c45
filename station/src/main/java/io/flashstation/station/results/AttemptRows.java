package io.flashstation.station.results;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashPhase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The one mapping between {@link AttemptRecord} and a row of the attempts table (V1__results.sql). */
final class AttemptRows {

    private static final String[] LEADING = {"attempt_id", "station_id", "slot", "probe_kind", "probe_serial",
        "backend", "chip_uid", "part", "flash_size_kib", "firmware_version", "firmware_sha256", "started_at",
        "ended_at", "outcome", "reason", "message"};
    private static final String[] TRAILING = {"swd_clock_hz", "bytes_programmed", "attempt_number"};

    /** Every stored column of a record, in binding order (the table's own seq is not part of a record). */
    static final String COLUMNS = Stream.of(Arrays.stream(LEADING),
            Arrays.stream(FlashPhase.values()).map(AttemptRows::phaseColumn), Arrays.stream(TRAILING))
            .flatMap(s -> s).collect(Collectors.joining(", "));

    /** Parameters one record binds. */
    static final int COLUMN_COUNT = COLUMNS.split(",").length;

    /** An INSERT of {@code rows} records in one statement, with {@code suffix} appended (an ON CONFLICT clause). */
    static String insert(int rows, String suffix) {
        String row = "(" + String.join(", ", Collections.nCopies(COLUMN_COUNT, "?")) + ")";
        return "INSERT INTO attempts (" + COLUMNS + ") VALUES " + String.join(", ", Collections.nCopies(rows, row))
                + suffix;
    }

    private AttemptRows() {
    }

    /** The column holding a phase's milliseconds. */
    static String phaseColumn(FlashPhase phase) {
        return phase.name().toLowerCase(Locale.ROOT) + "_ms";
    }

    /** Binds a record's columns to the parameters after {@code offset}; returns the last parameter index used. */
    static int bind(PreparedStatement statement, int offset, AttemptRecord record) throws SQLException {
        int i = offset;
        statement.setObject(++i, record.attemptId());
        statement.setString(++i, record.stationId());
        statement.setString(++i, record.slot());
        statement.setString(++i, record.probeKind());
        statement.setString(++i, record.probeSerial());
        statement.setString(++i, record.backend().id());
        statement.setString(++i, record.chipUid().orElse(null));
        statement.setString(++i, record.part().orElse(null));
        setInt(statement, ++i, record.flashSizeKib());
        statement.setString(++i, record.firmwareVersion());
        statement.setString(++i, record.firmwareSha256());
        statement.setObject(++i, timestamp(record.startedAt()));
        statement.setObject(++i, timestamp(record.endedAt()));
        statement.setString(++i, record.outcome().name());
        statement.setString(++i, record.reason().map(Enum::name).orElse(null));
        statement.setString(++i, record.message());
        for (FlashPhase phase : FlashPhase.values()) {
            Duration duration = record.phaseDurations().get(phase);
            if (duration == null) {
                statement.setNull(++i, Types.BIGINT);
            } else {
                statement.setLong(++i, duration.toMillis());
            }
        }
        statement.setLong(++i, record.swdClockHz());
        statement.setLong(++i, record.bytesProgrammed());
        setInt(statement, ++i, record.attemptNumber());
        return i;
    }

    static AttemptRecord read(ResultSet row) throws SQLException {
        Map<FlashPhase, Duration> phases = new EnumMap<>(FlashPhase.class);
        for (FlashPhase phase : FlashPhase.values()) {
            long millis = row.getLong(phaseColumn(phase));
            if (!row.wasNull()) {
                phases.put(phase, Duration.ofMillis(millis));
            }
        }
        return new AttemptRecord(row.getObject("attempt_id", UUID.class), row.getString("station_id"),
                row.getString("slot"), row.getString("probe_kind"), row.getString("probe_serial"),
                FlashBackend.fromId(row.getString("backend")), Optional.ofNullable(row.getString("chip_uid")),
                Optional.ofNullable(row.getString("part")), getInt(row, "flash_size_kib"),
                row.getString("firmware_version"), row.getString("firmware_sha256"), instant(row, "started_at"),
                instant(row, "ended_at"), AttemptOutcome.valueOf(row.getString("outcome")),
                Optional.ofNullable(row.getString("reason")).map(FailureReason::valueOf), row.getString("message"),
                phases, row.getLong("swd_clock_hz"), row.getLong("bytes_programmed"),
                getInt(row, "attempt_number"));
    }

    /** The JDBC value both drivers accept for a TIMESTAMP WITH TIME ZONE parameter. */
    static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static void setInt(PreparedStatement statement, int index, OptionalInt value) throws SQLException {
        if (value.isPresent()) {
            statement.setInt(index, value.getAsInt());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    private static OptionalInt getInt(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
