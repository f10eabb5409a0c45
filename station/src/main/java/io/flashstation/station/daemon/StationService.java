package io.flashstation.station.daemon;

import io.flashstation.firmware.FirmwareException;
import io.flashstation.station.config.StationConfig;
import io.flashstation.station.config.StationPaths;
import io.flashstation.station.config.StationSettings;
import io.flashstation.station.image.PinnedImage;
import io.flashstation.station.image.StationImage;
import io.flashstation.station.results.CentralForwarder;
import io.flashstation.station.results.ResultDatabase;
import io.flashstation.station.results.ResultStore;
import io.flashstation.station.sim.DemoImage;
import io.flashstation.station.sim.SimulatedLab;
import io.flashstation.station.slot.Backend;
import io.flashstation.station.slot.OpenOcdBackend;
import io.flashstation.station.slot.SlotSettings;
import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.libusb.LibUsbBus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running station inside the Quarkus process: started by the {@code daemon} command, read by the health
 * checks, metrics and API, and stopped gracefully when the process is asked to end (SIGTERM).
 */
@ApplicationScoped
public class StationService {

    private static final System.Logger LOG = System.getLogger(StationService.class.getName());
    /** Rows per central transaction. */
    private static final int FORWARD_BATCH = 200;

    private final StationConfig config;
    private final AtomicReference<RunningStation> running = new AtomicReference<>();

    public StationService(StationConfig config) {
        this.config = config;
    }

    /** Starts the station; a {@link StationStartException} says in one sentence what stops it. */
    public synchronized RunningStation start(DaemonOptions options) throws StationStartException {
        if (running.get() != null) {
            throw new IllegalStateException("the station is already running");
        }
        StationSettings settings = StationSettings.check(config);
        Path stateDir = stateDirectory();
        StationImage image = image(stateDir, settings, options);
        ResultStore store = openStore(stateDir);
        ResultRecorder recorder = new ResultRecorder(settings.stationId(), store);
        Optional<SimulatedLab> lab = options.simulation().map(SimulatedLab::create);
        UsbBus bus = lab.<UsbBus>map(SimulatedLab::bus).orElseGet(LibUsbBus::start);
        AtomicReference<StationImage> pinned = new AtomicReference<>(image);
        Optional<OpenOcdBackend> openocd = settings.openOcd(stlinkServerPort(lab));
        if (openocd.isEmpty() && settings.backend() == Backend.OPENOCD) {
            store.close();
            throw new StationStartException("station.backend=openocd but no usable OpenOCD was found at "
                    + config.openocd().executable() + " (station.openocd.executable)");
        }
        SlotSettings slotSettings = new SlotSettings(settings.flashPolicy(image.preserves()), pinned::get,
                settings.pollInterval(), settings.wireRetries(), openocd);
        Station station = new Station(bus, slotSettings, recorder, settings.slots(), settings.backend(),
                Clock.systemUTC());
        try {
            station.start();
        } catch (UsbException e) {
            store.close();
            throw new StationStartException("cannot watch the USB bus: " + e.getMessage());
        }
        Optional<CentralForwarder> forwarder = centralForwarder(store, recorder);
        lab.ifPresent(l -> l.startOperators(port -> station.slotAtPort(port).map(slot -> slot.state())));
        RunningStation started = new RunningStation(settings, stateDir, station, store, recorder, bus, lab, pinned,
                forwarder, openocd);
        running.set(started);
        LOG.log(System.Logger.Level.INFO, "station " + settings.stationId() + " flashing " + image.description());
        return started;
    }

    /** The station, while it runs. */
    public Optional<RunningStation> running() {
        return Optional.ofNullable(running.get());
    }

    /** Stops taking boards, lets boards in flight finish within the configured timeout, then closes everything. */
    public synchronized void stop() {
        RunningStation station = running.getAndSet(null);
        if (station != null) {
            station.stop();
        }
    }

    void onShutdown(@Observes ShutdownEvent event) {
        stop();
    }

    private static OptionalInt stlinkServerPort(Optional<SimulatedLab> lab) throws StationStartException {
        if (lab.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(lab.get().serveStlinks());
        } catch (IOException e) {
            throw new StationStartException("cannot serve the virtual ST-Links to OpenOCD: " + e.getMessage());
        }
    }

    // the central database may be away at start: the forwarder keeps trying, recording never waits for it
    private Optional<CentralForwarder> centralForwarder(ResultStore store, ResultRecorder recorder) {
        StationConfig.Central central = config.central();
        return central.jdbcUrl().map(url -> {
            CentralForwarder forwarder = new CentralForwarder(store, ResultDatabase.postgres(url, central.user(),
                    central.password().orElse("")), FORWARD_BATCH, central.retryInterval(), Clock.systemUTC());
            forwarder.start();
            recorder.onRecorded(row -> forwarder.wake());
            return forwarder;
        });
    }

    private Path stateDirectory() throws StationStartException {
        Path dir = StationPaths.stateDirectory(config.stateDir(), System.getenv());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StationStartException("cannot create the state directory " + dir + " (station.state-dir): "
                    + e.getMessage());
        }
        if (!Files.isWritable(dir)) {
            throw new StationStartException("the state directory " + dir + " is not writable by this user "
                    + "(station.state-dir)");
        }
        return dir;
    }

    private static StationImage image(Path stateDir, StationSettings settings, DaemonOptions options)
            throws StationStartException {
        Optional<StationImage> pinned;
        try {
            pinned = PinnedImage.load(stateDir, settings.config().firmwarePin(), settings.circuitPyPolicy());
        } catch (FirmwareException | IOException e) {
            throw new StationStartException("the pinned firmware cannot be used: " + e.getMessage());
        }
        if (pinned.isPresent()) {
            return pinned.get();
        }
        if (options.simulation().isPresent()) {
            StationImage demo = DemoImage.stationImage(settings.circuitPyPolicy());
            LOG.log(System.Logger.Level.WARNING, demo.description());
            return demo;
        }
        throw new StationStartException("no firmware is pinned in " + stateDir.resolve("firmware.json")
                + ": pin one with `flash-station firmware pin --circuitpython VERSION --sha256 DIGEST` and fetch "
                + "or import it, or try the station on virtual probes with `flash-station daemon --simulate 8`");
    }

    private static ResultStore openStore(Path stateDir) throws StationStartException {
        try {
            return ResultStore.open(ResultDatabase.h2File(stateDir));
        } catch (RuntimeException e) {
            throw new StationStartException("cannot open the results database in " + stateDir + ": "
                    + e.getMessage());
        }
    }
}
