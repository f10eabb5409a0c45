package io.flashstation.station.daemon;

import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.openocd.OpenOcdInstallation;
import io.flashstation.probe.openocd.OpenOcdSettings;
import io.flashstation.probe.target.Stm32F4Family;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.station.config.SlotConfig;
import io.flashstation.station.image.CircuitPyPolicy;
import io.flashstation.station.image.StationImage;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.results.ResultDatabase;
import io.flashstation.station.results.ResultQuery;
import io.flashstation.station.results.ResultStore;
import io.flashstation.station.sim.DemoImage;
import io.flashstation.station.sim.SimFaults;
import io.flashstation.station.sim.SimulatedLab;
import io.flashstation.station.slot.Backend;
import io.flashstation.station.slot.OpenOcdBackend;
import io.flashstation.station.slot.SlotSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A whole station on a simulated lab with a real results database in a temporary directory: the station as the
 * daemon runs it, without Quarkus around it.
 */
final class StationRig implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(40);

    final SimulatedLab lab;
    final ResultStore store;
    final Station station;

    private StationRig(SimulatedLab lab, ResultStore store, Station station) {
        this.lab = lab;
        this.store = store;
        this.station = station;
    }

    static StationRig start(Path stateDir, int probes, String kind, Duration swapEvery, String faults)
            throws Exception {
        return start(stateDir, probes, kind, swapEvery, faults, Backend.NATIVE,
                DemoImage.stationImage(CircuitPyPolicy.WRITE));
    }

    /** A rig whose slots flash {@code image} through {@code backend} (OpenOCD through the lab's stlink-server). */
    static StationRig start(Path stateDir, int probes, String kind, Duration swapEvery, String faults, Backend backend,
            StationImage image) throws Exception {
        SimulatedLab lab = SimulatedLab.create(new SimulatedLab.SimSettings(probes, kind, swapEvery,
                SimFaults.parse(faults), false, 7));
        ResultStore store = ResultStore.open(ResultDatabase.h2File(stateDir));
        Optional<OpenOcdBackend> openocd = backend == Backend.NATIVE ? Optional.empty()
                : Optional.of(openOcd(lab.serveStlinks()));
        SlotSettings settings = new SlotSettings(FlashPolicy.defaults()
                .withAcceptedFamilies(EnumSet.of(Stm32F4Family.STM32F411)), () -> image, POLL, 2, openocd);
        Station station = new Station(lab.bus(), settings, new ResultRecorder("rig", store), Map.<String, SlotConfig>of(),
                backend, Clock.systemUTC());
        station.start();
        lab.startOperators(port -> station.slotAtPort(port).map(slot -> slot.state()));
        return new StationRig(lab, store, station);
    }

    private static OpenOcdBackend openOcd(int stlinkServerPort) {
        OpenOcdSettings settings = OpenOcdSettings.defaults().withStlinkServer(stlinkServerPort);
        return new OpenOcdBackend(settings, OpenOcdInstallation.available(settings).orElseThrow(() ->
                new AssertionError("these tests drive Debian's openocd (.ci/run installs it)")));
    }

    List<AttemptRecord> rows() {
        return store.find(ResultQuery.all());
    }

    /** Waits (on the wall clock, the simulated operators' time) until the rows satisfy {@code condition}. */
    List<AttemptRecord> awaitRows(Predicate<List<AttemptRecord>> condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<AttemptRecord> rows = rows();
            if (condition.test(rows)) {
                return rows;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("rows never satisfied the condition within " + limit + "; slots " + station.slots()
                + "; rows " + rows().stream().map(r -> r.slot() + " " + r.outcome() + " " + r.message()).toList()
                + "\n" + slotThreads());
    }

    /** Where every slot thread is: what a hung test needs to say. */
    static String slotThreads() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.getName().startsWith("slot-") || thread.getName().startsWith("sim-operator-")) {
                dump.append(thread.getName()).append(' ').append(thread.getState()).append('\n');
                for (StackTraceElement frame : stack) {
                    dump.append("    at ").append(frame).append('\n');
                }
            }
        });
        return dump.toString();
    }

    /** The UID of the {@code n}-th board the operator at fixture {@code fixture} (1-based) puts on. */
    static String uidOf(int fixture, int n) {
        return VirtualBoard.open(BoardConfig.labBoard((fixture - 1) * 5000 + n)).uidHex();
    }

    @Override
    public void close() {
        station.stop(Duration.ofSeconds(20));
        lab.close();
        store.close();
    }
}
