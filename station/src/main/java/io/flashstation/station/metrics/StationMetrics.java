package io.flashstation.station.metrics;

import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.station.daemon.RunningStation;
import io.flashstation.station.daemon.StationService;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.slot.SlotSnapshot;
import io.flashstation.station.slot.SlotState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The station's Prometheus metrics (issue 7 fixes the names; extend, never rename). Counters and histograms move
 * when a result is committed; gauges read the running station. Every label value comes from a closed set: outcomes,
 * failure reasons, probe kinds, phases, slot states, pinned versions, configured or serial slot names.
 */
@ApplicationScoped
public class StationMetrics {

    /** Buckets for operations that take seconds: a board is ~6 s at best, a minute when something drags. */
    private static final Duration[] SECONDS_BUCKETS = Arrays.stream(new double[] {0.05, 0.1, 0.25, 0.5, 1, 2, 3, 4,
            5, 6, 7, 8, 10, 12, 15, 20, 30, 45, 60, 120}).mapToObj(s -> Duration.ofMillis((long) (s * 1000)))
            .toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final StationService service;
    private final AtomicReference<RunningStation> watched = new AtomicReference<>();
    private final Map<SlotState, Integer> slotsByState = new EnumMap<>(SlotState.class);
    private MultiGauge slotState;

    public StationMetrics(MeterRegistry registry, StationService service) {
        this.registry = registry;
        this.service = service;
    }

    /** Starts counting for {@code station}: called once the daemon has started it. */
    public void watch(RunningStation station) {
        watched.set(station);
        station.recorder().onRecorded(this::recorded);
        Gauge.builder("flashstation.probes.present", () -> current().map(r -> r.station().probesPresent()).orElse(0))
                .description("Probes on the bus that a driver recognises").register(registry);
        for (SlotState state : SlotState.values()) {
            Gauge.builder("flashstation.slots", () -> slotCount(state)).tags("state", state.label())
                    .description("Slots in each state").register(registry);
        }
        Gauge.builder("flashstation.replication.backlog", () -> current().map(r -> r.replicationBacklog()).orElse(0L))
                .description("Results recorded locally and not yet in the central database").register(registry);
        Gauge.builder("flashstation.firmware.info", () -> 1)
                .tags("version", station.image().version(), "sha256", station.image().sha256())
                .description("The pinned firmware the station flashes").register(registry);
        slotState = MultiGauge.builder("flashstation.slot.state")
                .description("1 for each slot's current state").register(registry);
        refreshSlots();
    }

    /** Slots come and go and change state: their gauges are refreshed on a schedule, not per event. */
    @Scheduled(every = "2s", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refreshSlots() {
        Optional<RunningStation> station = current();
        if (station.isEmpty() || slotState == null) {
            return;
        }
        List<SlotSnapshot> slots = station.get().station().slots();
        synchronized (slotsByState) {
            slotsByState.clear();
            slots.forEach(s -> slotsByState.merge(s.state(), 1, Integer::sum));
        }
        slotState.register(slots.stream().map(s -> MultiGauge.Row.of(Tags.of("slot", s.name(), "state",
                s.state().label()), 1)).toList(), true);
    }

    private int slotCount(SlotState state) {
        synchronized (slotsByState) {
            return slotsByState.getOrDefault(state, 0);
        }
    }

    private Optional<RunningStation> current() {
        return Optional.ofNullable(watched.get()).filter(r -> service.running().isPresent());
    }

    private void recorded(AttemptRecord row) {
        String reason = row.reason().map(r -> r.name()).orElse("none");
        Counter.builder("flashstation.flashes").description("Boards flashed, by outcome and failure reason")
                .tags("outcome", row.outcome().name(), "reason", reason, "probe_kind", row.probeKind(),
                        "firmware", row.firmwareVersion())
                .register(registry).increment();
        if (row.reason().isPresent()) {
            Counter.builder("flashstation.slot.failures").description("Failed boards per slot")
                    .tags("slot", row.slot()).register(registry).increment();
        }
        Duration board = row.phaseDurations().values().stream().reduce(Duration.ZERO, Duration::plus);
        timer("flashstation.board.duration", "Time from connect to reset for one board", Tags.of("probe_kind",
                row.probeKind(), "outcome", row.outcome().name())).record(board);
        row.phaseDurations().forEach((phase, took) -> timer("flashstation.phase.duration", "Time per flash phase",
                Tags.of("phase", phaseLabel(phase), "probe_kind", row.probeKind())).record(took));
        Counter.builder("flashstation.bytes.programmed").description("Bytes written to flash")
                .tags("probe_kind", row.probeKind()).register(registry).increment(row.bytesProgrammed());
        refreshSlots();
    }

    private Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(SECONDS_BUCKETS)
                .minimumExpectedValue(SECONDS_BUCKETS[0]).maximumExpectedValue(SECONDS_BUCKETS[SECONDS_BUCKETS.length - 1])
                .register(registry);
    }

    private static String phaseLabel(FlashPhase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }
}
