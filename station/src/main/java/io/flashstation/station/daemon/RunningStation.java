package io.flashstation.station.daemon;

import io.flashstation.station.config.StationSettings;
import io.flashstation.station.image.StationImage;
import io.flashstation.station.results.CentralForwarder;
import io.flashstation.station.results.ResultStore;
import io.flashstation.station.sim.SimulatedLab;
import io.flashstation.station.slot.OpenOcdBackend;
import io.flashstation.usb.UsbBus;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** Everything a started station holds, and its orderly stop. */
public final class RunningStation {

    private final StationSettings settings;
    private final Path stateDir;
    private final Station station;
    private final ResultStore store;
    private final ResultRecorder recorder;
    private final UsbBus bus;
    private final Optional<SimulatedLab> lab;
    private final AtomicReference<StationImage> image;
    private final Optional<CentralForwarder> forwarder;
    private final Optional<OpenOcdBackend> openocd;

    RunningStation(StationSettings settings, Path stateDir, Station station, ResultStore store,
            ResultRecorder recorder, UsbBus bus, Optional<SimulatedLab> lab, AtomicReference<StationImage> image,
            Optional<CentralForwarder> forwarder, Optional<OpenOcdBackend> openocd) {
        this.forwarder = forwarder;
        this.openocd = openocd;
        this.settings = settings;
        this.stateDir = stateDir;
        this.station = station;
        this.store = store;
        this.recorder = recorder;
        this.bus = bus;
        this.lab = lab;
        this.image = image;
    }

    public StationSettings settings() {
        return settings;
    }

    public Path stateDir() {
        return stateDir;
    }

    public Station station() {
        return station;
    }

    public ResultStore store() {
        return store;
    }

    public ResultRecorder recorder() {
        return recorder;
    }

    /** The image slots flash from their next board on. */
    public StationImage image() {
        return image.get();
    }

    /** Switches the image for boards started from now on. */
    public void switchImage(StationImage next) {
        image.set(next);
    }

    /** OpenOCD, when it is installed: the fallback backend. */
    public Optional<OpenOcdBackend> openocd() {
        return openocd;
    }

    /** The forwarder to the central database, when one is configured. */
    public Optional<CentralForwarder> forwarder() {
        return forwarder;
    }

    /** Rows not yet in the central database; 0 when there is none. */
    public long replicationBacklog() {
        return forwarder.map(f -> f.status().backlog()).orElse(0L);
    }

    /** The simulated lab, under {@code --simulate}. */
    public Optional<SimulatedLab> lab() {
        return lab;
    }

    // slots first (they finish and record their boards), then the lab's operators, the bus and the database
    void stop() {
        station.stop(settings.shutdownTimeout());
        lab.ifPresent(SimulatedLab::close);
        bus.close();
        forwarder.ifPresent(CentralForwarder::close);
        store.close();
    }
}
