package io.flashstation.station.soak;

import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.target.Stm32F4Family;
import io.flashstation.station.config.SlotConfig;
import io.flashstation.station.daemon.ResultRecorder;
import io.flashstation.station.daemon.Station;
import io.flashstation.station.image.StationImage;
import io.flashstation.station.results.AttemptOutcome;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.results.CentralForwarder;
import io.flashstation.station.results.ResultDatabase;
import io.flashstation.station.results.ResultQuery;
import io.flashstation.station.results.ResultStore;
import io.flashstation.station.sim.BoardLedger;
import io.flashstation.station.sim.SimFault;
import io.flashstation.station.sim.SimFaults;
import io.flashstation.station.sim.SimulatedLab;
import io.flashstation.station.slot.Backend;
import io.flashstation.station.slot.SlotSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * A long run of the whole station on a simulated lab with faulty boards, checked against what the simulated
 * operators actually placed: the station's own results are never taken on trust.
 */
public final class SoakRun {

    /** Faults no flashing can survive: a PASS for such a board is a false PASS. */
    private static final Set<SimFault> FATAL = EnumSet.of(SimFault.LOCKED, SimFault.WRONG_CHIP, SimFault.STUCK_CELL,
            SimFault.YANK);
    /**
     * A slot with no row in the last quarter of the run, and at least the last ten seconds (the slowest probe class
     * takes a few seconds of wall time per board in the lab), has stopped.
     */
    private static final double STUCK_WINDOW = 0.25;
    private static final Duration STUCK_WINDOW_AT_LEAST = Duration.ofSeconds(10);

    /**
     * What to soak.
     *
     * @param probes    virtual probes (every class in turn)
     * @param boards    rows to record before stopping
     * @param faults    how often boards are bad
     * @param swapEvery how long a board stays on its fixture
     * @param image     what the slots flash
     * @param stateDir  where the results database goes
     * @param central   the central database to forward to and check, if any
     * @param limit     the longest the run may take
     */
    public record Settings(int probes, long boards, SimFaults faults, Duration swapEvery, StationImage image,
            Path stateDir, Optional<ResultDatabase> central, Duration limit) {
    }

    private SoakRun() {
    }

    /** Runs a soak and checks it. */
    public static SoakReport run(Settings settings) throws Exception {
        long wallStart = System.nanoTime();
        SimulatedLab lab = SimulatedLab.create(new SimulatedLab.SimSettings(settings.probes(), "mixed",
                settings.swapEvery(), settings.faults(), false, 42));
        AtomicLong reported = new AtomicLong();
        Map<String, Instant> lastRowOfSlot = new ConcurrentHashMap<>();
        try (ResultStore store = ResultStore.open(ResultDatabase.h2File(settings.stateDir()))) {
            ResultRecorder recorder = new ResultRecorder("soak", store);
            recorder.onRecorded(row -> {
                reported.incrementAndGet();
                lastRowOfSlot.put(row.slot(), Instant.now());
            });
            Optional<CentralForwarder> forwarder = settings.central().map(db -> new CentralForwarder(store, db, 200,
                    Duration.ofSeconds(1), Clock.systemUTC()));
            forwarder.ifPresent(CentralForwarder::start);
            SlotSettings slots = new SlotSettings(FlashPolicy.defaults().withAcceptedFamilies(
                    EnumSet.of(Stm32F4Family.STM32F411)), settings::image, Duration.ofMillis(50), 2,
                    Optional.empty());
            Station station = new Station(lab.bus(), slots, recorder, Map.<String, SlotConfig>of(), Backend.NATIVE,
                    Clock.systemUTC());
            station.start();
            lab.startOperators(port -> station.slotAtPort(port).map(slot -> slot.state()));
            long deadline = System.nanoTime() + settings.limit().toNanos();
            long heapEarly = -1;
            while (reported.get() < settings.boards() && System.nanoTime() < deadline) {
                if (heapEarly < 0 && reported.get() >= settings.boards() / 4) {
                    heapEarly = heapMbAfterCollection();
                }
                Thread.sleep(100);
            }
            Instant end = Instant.now();
            double seconds = (System.nanoTime() - wallStart) / 1e9;
            Instant stuckAfter = end.minusMillis(Math.max((long) (seconds * 1000 * STUCK_WINDOW),
                    STUCK_WINDOW_AT_LEAST.toMillis()));
            List<String> stuck = new ArrayList<>();
            station.slots().forEach(s -> {
                Instant last = lastRowOfSlot.get(s.name());
                if (last == null || last.isBefore(stuckAfter)) {
                    stuck.add(s.name());
                }
            });
            station.stop(Duration.ofSeconds(30));
            lab.close();
            long heapEnd = heapMbAfterCollection();
            List<AttemptRecord> rows = store.find(ResultQuery.all());
            long centralMissing = forwarder.map(f -> drainAndCompare(f, store, settings.central().get(), rows))
                    .orElse(0L);
            forwarder.ifPresent(CentralForwarder::close);
            return report(rows, lab.ledger(), reported.get(), stuck, centralMissing,
                    heapEarly < 0 ? heapEnd : heapEarly, heapEnd, (System.nanoTime() - wallStart) / 1e9);
        } finally {
            lab.close();
        }
    }

    private static SoakReport report(List<AttemptRecord> rows, BoardLedger ledger, long reported, List<String> stuck,
            long centralMissing, long heapEarly, long heapEnd, double seconds) {
        Map<String, Long> outcomes = new TreeMap<>(rows.stream().collect(Collectors.groupingBy(
                r -> r.outcome().name() + r.reason().map(reason -> "/" + reason.name()).orElse(""),
                Collectors.counting())));
        List<String> falsePasses = rows.stream().filter(r -> r.outcome() == AttemptOutcome.PASS)
                .map(r -> r.chipUid().orElse("no UID"))
                .filter(uid -> ledger.faultOf(uid).filter(FATAL::contains).isPresent() || uid.equals("no UID"))
                .toList();
        List<String> unknown = rows.stream().flatMap(r -> r.chipUid().stream()).filter(uid -> !ledger.placed(uid))
                .distinct().toList();
        long distinct = rows.stream().map(AttemptRecord::attemptId).distinct().count();
        return new SoakReport(rows.size(), outcomes, falsePasses, unknown, Math.max(0, reported - distinct),
                rows.size() - distinct, stuck, centralMissing, heapEarly, heapEnd, seconds);
    }

    private static long drainAndCompare(CentralForwarder forwarder, ResultStore local, ResultDatabase central,
            List<AttemptRecord> rows) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (local.outboxBacklog() > 0 && System.nanoTime() < deadline) {
            forwarder.forwardPending();
        }
        try (ResultStore centralStore = ResultStore.open(central)) {
            Set<UUID> there = centralStore.find(ResultQuery.all()).stream().map(AttemptRecord::attemptId)
                    .collect(Collectors.toSet());
            return rows.stream().filter(r -> !there.contains(r.attemptId())).count();
        }
    }

    private static long heapMbAfterCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }
}
