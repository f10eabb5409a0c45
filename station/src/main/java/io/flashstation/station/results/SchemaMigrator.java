package io.flashstation.station.results;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** Brings a results database to this build's schema ({@link MigrationScripts}), refusing one a newer build made. */
final class SchemaMigrator {

    /** Applied migrations this build does not know: a newer flash-station has been here. */
    private static final Set<MigrationState> FUTURE =
            EnumSet.of(MigrationState.FUTURE_SUCCESS, MigrationState.FUTURE_FAILED);

    private SchemaMigrator() {
    }

    /** Checks that the database answers, that its schema is not newer than this build's, then migrates it. */
    static void migrate(ResultDatabase database) {
        try (Connection probe = database.dataSource().getConnection()) {
            probe.isValid(1);
        } catch (SQLException e) {
            throw new ResultStoreException("cannot reach the results database at " + database + ": "
                    + e.getMessage(), e);
        }
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(database.dataSource())
                .resourceProvider(new MigrationScripts())
                .javaMigrationClassProvider(List::of)
                .load();
        try {
            MigrationInfo[] applied = flyway.info().applied();
            String newer = Arrays.stream(applied).filter(m -> FUTURE.contains(m.getState()))
                    .map(m -> m.getVersion() + " (" + m.getDescription() + ")").collect(Collectors.joining(", "));
            if (!newer.isEmpty()) {
                throw new SchemaTooNewException("the results database at " + database + " has schema version(s) "
                        + newer + " from a newer flash-station; this build knows up to version "
                        + latestKnown(flyway) + ". Upgrade flash-station or point it at another database.");
            }
            flyway.migrate();
        } catch (FlywayException e) {
            throw new ResultStoreException("cannot migrate the results database at " + database + ": "
                    + e.getMessage(), e);
        }
    }

    private static String latestKnown(Flyway flyway) {
        return Arrays.stream(flyway.info().all()).filter(m -> m.getState().isResolved())
                .map(m -> m.getVersion().toString()).reduce((first, second) -> second).orElse("none");
    }
}
