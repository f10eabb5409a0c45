package io.flashstation.station.cli;

import io.flashstation.station.config.StationConfig;
import io.flashstation.station.config.StationPaths;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.results.ResultDatabase;
import io.flashstation.station.results.ResultFormat;
import io.flashstation.station.results.ResultQuery;
import io.flashstation.station.results.ResultStore;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `flash-station results`: the recorded attempts, from this station's database or the fleet's central one. */
@Command(name = "results", mixinStandardHelpOptions = true,
        description = {"Print recorded flashing attempts, oldest first. Works while the daemon runs (the embedded "
                + "database is reached through the daemon's process).",
                "Reads this station's database, or with --central the fleet's PostgreSQL (station.central.*)."})
public class ResultsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--uid", paramLabel = "UID", description = "Only this chip (24 hex digits).")
    String uid;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Only attempts ended at or after TIME: an instant (2026-11-25T14:00:00Z) or a duration "
                    + "back from now (30m, 8h).")
    String since;

    @Option(names = "--station", paramLabel = "ID", description = "Only this station (useful with --central).")
    String station;

    @Option(names = "--limit", paramLabel = "N", description = "Only the latest N attempts.")
    Integer limit;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table, csv or json (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--central", description = "Read the central database (all stations) instead of this one.")
    boolean central;

    @Inject
    StationConfig config;


    @Override
    public Integer call() throws IOException {
        ResultFormat output;
        try {
            output = ResultFormat.named(format);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value '" + format + "' for option '--format': "
                    + "expected table, csv or json.");
        }
        ResultQuery query = query();
        List<AttemptRecord> rows;
        try (ResultStore store = ResultStore.open(database())) {
            rows = store.find(query);
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("flash-station: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        output.write(rows, out);
        out.flush();
        return 0;
    }

    private ResultDatabase database() {
        if (!central) {
            return ResultDatabase.h2File(StationPaths.stateDirectory(config.stateDir(), System.getenv()));
        }
        String url = config.central().jdbcUrl().orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--central needs station.central.jdbc-url in the configuration"));
        return ResultDatabase.postgres(url, config.central().user(), config.central().password().orElse(""));
    }

    private ResultQuery query() {
        ResultQuery query = ResultQuery.all();
        if (uid != null) {
            if (!uid.matches("[0-9A-Fa-f]{24}")) {
                throw new ParameterException(spec.commandLine(), "Invalid value '" + uid + "' for option '--uid': "
                        + "a chip UID is 24 hex digits.");
            }
            query = query.uid(uid.toUpperCase(Locale.ROOT));
        }
        if (since != null) {
            query = query.since(instant(since));
        }
        if (station != null) {
            query = query.station(station);
        }
        if (limit != null) {
            if (limit < 1) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--limit': at least 1.");
            }
            query = query.latest(limit);
        }
        return query;
    }

    private Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                Duration back = new DurationText().convert(text);
                return Instant.now().minus(back);
            } catch (RuntimeException notADuration) {
                throw new ParameterException(spec.commandLine(), "Invalid value '" + text + "' for option '--since': "
                        + "an instant such as 2026-11-25T14:00:00Z or a duration such as 30m.");
            }
        }
    }
}
