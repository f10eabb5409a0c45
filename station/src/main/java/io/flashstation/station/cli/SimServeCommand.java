package io.flashstation.station.cli;

import io.flashstation.sim.lab.StlinkLab;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.time.TimingProfile;
import io.quarkus.runtime.Quarkus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * `flash-station sim serve`: a lab of virtual ST-Links with one board each, served over a stlink-server
 * endpoint so that OpenOCD (`hla_stlink_backend tcp` / `st-link backend tcp`) can drive the boards.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve N virtual ST-Links, each holding a virtual board, on a stlink-server TCP port on 127.0.0.1.",
                "Runs until stopped (Ctrl-C or SIGTERM); board state is written to DIR/board-<i>/ when a tool "
                        + "closes a probe and at shutdown, and reloaded from there on start."})
public class SimServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--boards", defaultValue = "1", description = "Number of probes, each with a board (default ${DEFAULT-VALUE}).")
    int boards;

    @Option(names = "--probe", defaultValue = "stlink-v2", description = "Probe model: stlink-v2, stlink-v2-1, stlink-v3 or stlink-v2-clone (default ${DEFAULT-VALUE}).")
    String probe;

    @Option(names = "--stlink-port", defaultValue = "7184", description = "TCP port of the stlink-server endpoint; 0 picks a free one (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--state-dir", required = true, description = "Directory holding the boards' state.")
    Path stateDir;

    @Option(names = "--timing", defaultValue = "typical", description = "Flash timing: typical or max (default ${DEFAULT-VALUE}).")
    String timing;

    @Option(names = "--chip", defaultValue = "stm32f411ce", description = "Part on every board: stm32f411ce, stm32f401cc or stm32f401ce (default ${DEFAULT-VALUE}).")
    String chip;

    @Option(names = "--rdp", defaultValue = "0", description = "Read-protection level of fresh boards: 0, 1 or 2 (default ${DEFAULT-VALUE}).")
    int rdp;

    @Override
    public Integer call() throws Exception {
        if (boards < 1) {
            throw invalid("--boards", Integer.toString(boards), "at least 1");
        }
        if (port < 0 || port > 65_535) {
            throw invalid("--stlink-port", Integer.toString(port), "a TCP port number (0 for any free port)");
        }
        StlinkLab.Settings settings = new StlinkLab.Settings(boards, probeModel(), chipVariant(), timingProfile(),
                rdpByte(), stateDir, port);
        try (StlinkLab lab = StlinkLab.start(settings)) {
            // SIGTERM ends the JVM once the shutdown hooks are done, possibly before this thread resumes:
            // the boards are saved by a hook of their own so a stop never leaves half-written state.
            Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "lab-shutdown"));
            PrintWriter out = spec.commandLine().getOut();
            out.println(readyLine(lab));
            out.flush();
            Quarkus.waitForExit();
        }
        return 0;
    }

    private static String readyLine(StlinkLab lab) {
        String boards = lab.stations().stream()
                .map(s -> "board-" + s.index() + "=" + s.board().uidHex())
                .collect(Collectors.joining(" "));
        return "virtual lab ready: stlink-server on 127.0.0.1:" + lab.port() + " " + boards;
    }

    private StlinkModel probeModel() {
        return switch (probe.toLowerCase()) {
            case "stlink-v2" -> StlinkModel.V2;
            case "stlink-v2-1" -> StlinkModel.V2_1;
            case "stlink-v3" -> StlinkModel.V3;
            case "stlink-v2-clone" -> StlinkModel.V2_CLONE;
            default -> throw invalid("--probe", probe, "stlink-v2, stlink-v2-1, stlink-v3 or stlink-v2-clone");
        };
    }

    private ChipVariant chipVariant() {
        try {
            return ChipVariant.fromId(chip);
        } catch (IllegalArgumentException e) {
            throw invalid("--chip", chip, "stm32f411ce, stm32f401cc or stm32f401ce");
        }
    }

    private TimingProfile timingProfile() {
        return switch (timing.toLowerCase()) {
            case "typical" -> TimingProfile.TYPICAL;
            case "max" -> TimingProfile.MAX;
            default -> throw invalid("--timing", timing, "typical or max");
        };
    }

    // RM0383 option bytes: 0xAA is level 0, 0xCC level 2, anything else level 1 (0x55 is what tools write).
    private int rdpByte() {
        return switch (rdp) {
            case 0 -> 0xAA;
            case 1 -> 0x55;
            case 2 -> 0xCC;
            default -> throw invalid("--rdp", Integer.toString(rdp), "0, 1 or 2");
        };
    }

    private ParameterException invalid(String option, String value, String expected) {
        return new ParameterException(spec.commandLine(),
                "Invalid value '" + value + "' for option '" + option + "': expected " + expected + ".");
    }
}
