package io.flashstation.station.bench;

import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.sim.time.TimingProfile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * `flash-station bench`: flashes N virtual boards through one virtual probe of a given class, with the station's
 * own drivers and flash session, and reports virtual time per board and the probe work it took (issue 4).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Flash N virtual boards through one virtual probe and report virtual seconds per board.",
                "Exit code 0 when every board passed, 1 when one failed, 2 for a bad option or image."})
public class BenchCommand implements Callable<Integer> {

    /** Exit code when a board failed; a setup problem is a usage error (2), as picocli's own are. */
    static final int BOARD_FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--probe", required = true, paramLabel = "KIND", description = "Probe class: cmsis-dap-v1, "
            + "cmsis-dap-v2-fs, cmsis-dap-v2-hs, stlink-v2, stlink-v2-1, stlink-v3 or jlink-ob.")
    String probe;

    @Option(names = "--image", required = true, paramLabel = "FILE",
            description = "Image to flash: a raw .bin for 0x08000000, or .hex / .uf2.")
    Path image;

    @Option(names = "--swd-khz", paramLabel = "K",
            description = "SWD clock to ask for, in kHz (default: the probe's fastest).")
    Long swdKhz;

    @Option(names = "--boards", paramLabel = "N", defaultValue = "1",
            description = "Boards to flash one after another (default ${DEFAULT-VALUE}).")
    int boards;

    @Option(names = "--timing", defaultValue = "typical",
            description = "Flash timing of the boards: typical or max (default ${DEFAULT-VALUE}).")
    String timing;

    @Option(names = "--verify", defaultValue = "readback",
            description = "Verification: readback or none (default ${DEFAULT-VALUE}).")
    String verify;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        // every option is checked before the image is read, so a typo costs nothing
        ProbeKind kind = probeKind();
        TimingProfile profile = timingProfile();
        boolean readBack = readBack();
        long khz = swdKhz();
        if (boards < 1) {
            throw invalid("--boards", Integer.toString(boards), "at least 1");
        }
        BenchRun run;
        try {
            FlashImage flashImage = BenchImage.read(image);
            run = Bench.run(new BenchSettings(kind, flashImage, khz, boards, profile, readBack));
        } catch (BenchSetupException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        BenchSummary summary = BenchSummary.of(run);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? BenchReport.json(summary) + System.lineSeparator() : BenchReport.table(summary));
        out.flush();
        return summary.passed() == summary.boards() ? 0 : BOARD_FAILED;
    }

    // 0 asks the session for the probe's fastest clock
    private long swdKhz() {
        if (swdKhz == null) {
            return 0;
        }
        if (swdKhz < 1) {
            throw invalid("--swd-khz", Long.toString(swdKhz), "a clock of at least 1 kHz");
        }
        return swdKhz;
    }

    private ProbeKind probeKind() {
        try {
            return ProbeKind.fromId(probe);
        } catch (IllegalArgumentException e) {
            throw invalid("--probe", probe, "cmsis-dap-v1, cmsis-dap-v2-fs, cmsis-dap-v2-hs, stlink-v2, "
                    + "stlink-v2-1, stlink-v3 or jlink-ob");
        }
    }

    private TimingProfile timingProfile() {
        return switch (timing.toLowerCase(Locale.ROOT)) {
            case "typical" -> TimingProfile.TYPICAL;
            case "max" -> TimingProfile.MAX;
            default -> throw invalid("--timing", timing, "typical or max");
        };
    }

    private boolean readBack() {
        return switch (verify.toLowerCase(Locale.ROOT)) {
            case "readback" -> true;
            case "none" -> false;
            default -> throw invalid("--verify", verify, "readback or none");
        };
    }

    private ParameterException invalid(String option, String value, String expected) {
        return new ParameterException(spec.commandLine(),
                "Invalid value '" + value + "' for option '" + option + "': expected " + expected + ".");
    }
}
