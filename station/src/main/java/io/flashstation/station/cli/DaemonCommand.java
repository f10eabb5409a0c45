package io.flashstation.station.cli;

import io.flashstation.sim.lab.VirtualProbeFactory;
import io.flashstation.station.config.ConfigProblem;
import io.flashstation.station.daemon.DaemonOptions;
import io.flashstation.station.daemon.RunningStation;
import io.flashstation.station.daemon.StationService;
import io.flashstation.station.daemon.StationStartException;
import io.flashstation.station.metrics.StationMetrics;
import io.flashstation.station.sim.SimFaults;
import io.flashstation.station.sim.SimulatedLab;
import io.quarkus.runtime.Quarkus;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `flash-station daemon`: the unattended service, on the USB bus or on a simulated lab. */
@Command(name = "daemon", mixinStandardHelpOptions = true,
        description = {"Run the station: every probe that appears on USB gets a slot that flashes, verifies and "
                + "records each board put on its fixture, until stopped (SIGTERM or Ctrl-C; boards in flight finish "
                + "first, within station.shutdown-timeout).",
                "With --simulate N it runs on N virtual probes whose fixtures get a fresh virtual board every "
                        + "--sim-swap-every: the whole station, with no hardware."})
public class DaemonCommand implements Callable<Integer> {

    /** Exit status when the station cannot start (configuration, firmware, database, USB). */
    static final int CANNOT_START = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--simulate", paramLabel = "N", description = "Run on N virtual probes instead of USB.")
    Integer simulate;

    @Option(names = "--sim-probe", paramLabel = "KIND", defaultValue = "mixed",
            description = "Virtual probe class: mixed (every class in turn), cmsis-dap-v1, cmsis-dap-v2-fs, "
                    + "cmsis-dap-v2-hs, stlink-v2, stlink-v2-1, stlink-v3, jlink-ob or stlink-v2-clone (old firmware: only "
                    + "OpenOCD drives it) (default ${DEFAULT-VALUE}).")
    String simProbe;

    @Option(names = "--sim-swap-every", paramLabel = "DURATION", defaultValue = "3s",
            converter = DurationText.class,
            description = "How long a virtual board stays on its fixture before the next one (default ${DEFAULT-VALUE});"
                    + " a board being flashed is never taken off early.")
    Duration swapEvery;

    @Option(names = "--sim-faults", paramLabel = "SPEC", defaultValue = "none",
            description = "Bad boards among the virtual ones: none, some, or e.g. locked=0.1,wrong-chip=0.05,"
                    + "stuck-cell=0.05,yank=0.02,noise=0.1 (default ${DEFAULT-VALUE}).")
    String faults;

    @Option(names = "--sim-seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the virtual boards' faults (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--realtime",
            description = "Hold virtual time to the wall clock, so a board takes its real ~6 s.")
    boolean realtime;

    @Inject
    StationService service;
    @Inject
    StationMetrics metrics;


    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        RunningStation station;
        try {
            station = service.start(new DaemonOptions(simulation()));
        } catch (StationStartException | ConfigProblem e) {
            err.println("flash-station: cannot start: " + e.getMessage());
            err.flush();
            return CANNOT_START;
        }
        metrics.watch(station);
        PrintWriter out = spec.commandLine().getOut();
        out.println(readyLine(station));
        out.flush();
        Quarkus.waitForExit();
        service.stop();
        return 0;
    }

    private Optional<SimulatedLab.SimSettings> simulation() {
        if (simulate == null) {
            return Optional.empty();
        }
        if (simulate < 1 || simulate > 48 * 4) {
            throw new ParameterException(spec.commandLine(), "Invalid value '" + simulate
                    + "' for option '--simulate': expected 1 to 192 virtual probes.");
        }
        if (swapEvery.isZero()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--sim-swap-every': "
                    + "a board must stay on its fixture for some time, e.g. 3s.");
        }
        if (!simProbe.equals("mixed") && !VirtualProbeFactory.allKinds().contains(simProbe)) {
            throw new ParameterException(spec.commandLine(), "Invalid value '" + simProbe + "' for option "
                    + "'--sim-probe': expected mixed or one of " + String.join(", ", VirtualProbeFactory.allKinds()) + ".");
        }
        SimFaults parsed;
        try {
            parsed = SimFaults.parse(faults);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value '" + faults + "' for option "
                    + "'--sim-faults': " + e.getMessage() + ".");
        }
        return Optional.of(new SimulatedLab.SimSettings(simulate, simProbe, swapEvery, parsed, realtime, seed));
    }

    private static String readyLine(RunningStation station) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
        String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class)
                .orElse("0.0.0.0");
        return "flash-station " + station.settings().stationId() + " ready: " + station.image().description()
                + "; results in " + station.stateDir() + "; operator page http://" + host + ":" + port + "/";
    }
}
