package io.flashstation.station.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.digest.Sha256;
import io.flashstation.sim.lab.VirtualProbeFactory;
import io.flashstation.station.bench.BenchImage;
import io.flashstation.station.bench.BenchSetupException;
import io.flashstation.station.config.ConfigProblem;
import io.flashstation.station.config.StationConfig;
import io.flashstation.station.config.StationPaths;
import io.flashstation.station.config.StationSettings;
import io.flashstation.station.daemon.OneBoard;
import io.flashstation.station.image.CircuitPyLayout;
import io.flashstation.station.image.PinnedImage;
import io.flashstation.station.image.StationImage;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.sim.DemoImage;
import io.flashstation.station.slot.Backend;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `flash-station flash`: one board, now, on one probe, recorded like any other. */
@Command(name = "flash", mixinStandardHelpOptions = true,
        description = {"Flash, verify and record the board on one probe, now, with a progress bar.",
                "Exit status 0 for PASS, 1 for FAIL, 2 when nothing could be flashed (no probe, no image)."})
public class FlashCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--probe", paramLabel = "SERIAL",
            description = "The probe by serial, or port-<USB port path>; needed when several are plugged in.")
    String probe;

    @Option(names = "--image", paramLabel = "FILE",
            description = "Flash this file (.bin at 0x08000000, .hex or .uf2) instead of the pinned firmware.")
    Path image;

    @Option(names = "--backend", paramLabel = "BACKEND", defaultValue = "native",
            description = "native or openocd (default ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--simulate", paramLabel = "KIND",
            description = "Flash a virtual board on a virtual probe of this class instead (see `daemon --help`).")
    String simulate;

    @Inject
    StationConfig config;


    @Override
    public Integer call() throws IOException {
        Backend chosen = backend();
        if (simulate != null && !VirtualProbeFactory.allKinds().contains(simulate)) {
            throw new ParameterException(spec.commandLine(), "Invalid value '" + simulate + "' for option "
                    + "'--simulate': expected one of " + String.join(", ", VirtualProbeFactory.allKinds()) + ".");
        }
        PrintWriter err = spec.commandLine().getErr();
        AttemptRecord row;
        try {
            StationSettings settings = StationSettings.check(config);
            StationImage flashed = image(settings);
            FlashProgressBar bar = new FlashProgressBar(err, !json && System.console() != null);
            row = OneBoard.flash(settings, StationPaths.stateDirectory(config.stateDir(), System.getenv()),
                    Optional.ofNullable(simulate), Optional.ofNullable(probe), chosen, flashed, bar);
            bar.finish();
        } catch (OneBoard.NothingFlashedException | ConfigProblem e) {
            err.println("flash-station: " + e.getMessage());
            return 2;
        }
        print(row);
        return row.reason().isEmpty() ? 0 : 1;
    }

    private Backend backend() {
        return switch (backend) {
            case "native" -> Backend.NATIVE;
            case "openocd" -> Backend.OPENOCD;
            default -> throw new ParameterException(spec.commandLine(), "Invalid value '" + backend
                    + "' for option '--backend': expected native or openocd.");
        };
    }

    private StationImage image(StationSettings settings) throws OneBoard.NothingFlashedException {
        try {
            if (image != null) {
                return new StationImage(CircuitPyLayout.apply(settings.circuitPyPolicy(), BenchImage.read(image)),
                        image.getFileName().toString(), Sha256.of(image).hex(),
                        "the file " + image, false);
            }
            Path stateDir = StationPaths.stateDirectory(config.stateDir(), System.getenv());
            Optional<StationImage> pinned = PinnedImage.load(stateDir, config.firmwarePin(),
                    settings.circuitPyPolicy());
            if (pinned.isPresent()) {
                return pinned.get();
            }
            if (simulate != null) {
                return DemoImage.stationImage(settings.circuitPyPolicy());
            }
            throw new OneBoard.NothingFlashedException("no firmware is pinned in " + stateDir
                    + "; pin one (`flash-station firmware pin`) or give --image FILE");
        } catch (BenchSetupException | FirmwareException | IOException | IllegalArgumentException e) {
            throw new OneBoard.NothingFlashedException(e.getMessage());
        }
    }

    private void print(AttemptRecord row) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode node = mapper.createObjectNode().put("outcome", row.outcome().name())
                    .put("reason", row.reason().map(Enum::name).orElse(null)).put("message", row.message())
                    .put("chip_uid", row.chipUid().orElse(null)).put("part", row.part().orElse(null))
                    .put("attempt_number", row.attemptNumber().isPresent() ? row.attemptNumber().getAsInt() : null)
                    .put("backend", row.backend().id()).put("swd_khz", row.swdClockHz() / 1000)
                    .put("bytes_programmed", row.bytesProgrammed());
            ObjectNode phases = node.putObject("phases_seconds");
            row.phaseDurations().forEach((phase, took) -> phases.put(phase.name().toLowerCase(Locale.ROOT), took.toMillis() / 1e3));
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else {
            out.println(row.outcome() + " " + row.chipUid().orElse("(chip not identified)") + " "
                    + row.part().orElse("") + ": " + row.message());
        }
        out.flush();
    }
}
