package io.flashstation.station.cli;

import io.flashstation.station.config.StationConfig;
import io.flashstation.station.image.CircuitPyPolicy;
import io.flashstation.station.results.ResultDatabase;
import io.flashstation.station.sim.DemoImage;
import io.flashstation.station.sim.SimFaults;
import io.flashstation.station.soak.SoakReport;
import io.flashstation.station.soak.SoakRun;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `flash-station sim soak`: the whole station on a faulty simulated lab for a long run, checked independently. */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Run the station on N virtual probes with faulty boards until B boards are recorded, then check "
                + "the results against what the simulated operators placed: no false PASS, no row lost or doubled "
                + "(locally and, with --central, centrally), no stuck slot, a stable heap.",
                "Exit status 0 when the soak passed, 1 when it did not."})
public class SimSoakCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--probes", defaultValue = "48", description = "Virtual probes (default ${DEFAULT-VALUE}).")
    int probes;

    @Option(names = "--boards", defaultValue = "2000", description = "Boards to record (default ${DEFAULT-VALUE}).")
    long boards;

    @Option(names = "--faults", defaultValue = "some", description = "As daemon's --sim-faults (default ${DEFAULT-VALUE}).")
    String faults;

    @Option(names = "--swap-every", defaultValue = "1s", converter = DurationText.class,
            description = "How long a board stays on its fixture (default ${DEFAULT-VALUE}).")
    Duration swapEvery;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Where the results go (default: a new temporary directory).")
    Path stateDir;

    @Option(names = "--central", description = "Also forward to the central database (station.central.*) and check it.")
    boolean central;

    @Option(names = "--limit", defaultValue = "60m", converter = DurationText.class,
            description = "Give up after this long (default ${DEFAULT-VALUE}).")
    Duration limit;

    @Inject
    StationConfig config;

    @Override
    public Integer call() throws Exception {
        if (probes < 1 || probes > 192 || boards < 1) {
            throw new ParameterException(spec.commandLine(), "--probes takes 1 to 192 and --boards at least 1");
        }
        SimFaults parsedFaults;
        try {
            parsedFaults = SimFaults.parse(faults);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value '" + faults + "' for option '--faults': "
                    + e.getMessage() + ".");
        }
        Optional<ResultDatabase> centralDb = Optional.empty();
        if (central) {
            String url = config.central().jdbcUrl().orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--central needs station.central.jdbc-url in the configuration"));
            centralDb = Optional.of(ResultDatabase.postgres(url, config.central().user(),
                    config.central().password().orElse("")));
        }
        Path dir = stateDir != null ? stateDir : Files.createTempDirectory("flash-station-soak");
        SoakReport report = SoakRun.run(new SoakRun.Settings(probes, boards, parsedFaults, swapEvery,
                DemoImage.stationImage(CircuitPyPolicy.WRITE), dir, centralDb, limit));
        PrintWriter out = spec.commandLine().getOut();
        out.println(report.describe());
        out.println("results: " + dir);
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
