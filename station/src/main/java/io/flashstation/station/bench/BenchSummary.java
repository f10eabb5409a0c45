package io.flashstation.station.bench;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashOutcome;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashResult;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures a bench reports, reduced from its per-board results: outcome counts, virtual seconds per board
 * (TIMING.md §4), per-phase medians, and the probe work per board.
 *
 * @param probe                the probe class id
 * @param swdKhz               the SWD clock the sessions ran at, in kHz (the first board's)
 * @param imageBytes           the bytes of content in the image
 * @param boards               how many boards were flashed
 * @param outcomes             how many boards ended with each outcome
 * @param failures             how many boards failed for each reason, with the first such board's message
 * @param medianSeconds        median virtual seconds per board
 * @param maxSeconds           the slowest board's virtual seconds
 * @param phaseMedianSeconds   median virtual seconds of each phase (0 for a phase that did not run)
 * @param roundTripsPerBoard   mean USB round trips per board
 * @param swdTransfersPerBoard mean SWD transfers per board
 * @param wallSeconds          real time the run took
 */
public record BenchSummary(String probe, long swdKhz, long imageBytes, int boards, Map<FlashOutcome, Long> outcomes,
        Map<FailureReason, Failures> failures, double medianSeconds, double maxSeconds,
        Map<FlashPhase, Double> phaseMedianSeconds, double roundTripsPerBoard, double swdTransfersPerBoard,
        double wallSeconds) {

    public BenchSummary {
        outcomes = Map.copyOf(outcomes);
        failures = Map.copyOf(failures);
        phaseMedianSeconds = Map.copyOf(phaseMedianSeconds);
    }

    /** The boards that failed for one reason, and what the first of them said. */
    public record Failures(long count, String firstMessage) {
    }

    /** Reduces {@code run}. */
    public static BenchSummary of(BenchRun run) {
        List<FlashResult> results = run.results();
        Map<FlashOutcome, Long> outcomes = new EnumMap<>(FlashOutcome.class);
        for (FlashOutcome outcome : FlashOutcome.values()) {
            outcomes.put(outcome, results.stream().filter(r -> r.outcome() == outcome).count());
        }
        Map<FailureReason, Failures> failures = new EnumMap<>(FailureReason.class);
        for (FlashResult result : results) {
            result.reason().ifPresent(reason -> failures.merge(reason, new Failures(1, result.message()),
                    (first, next) -> new Failures(first.count() + 1, first.firstMessage())));
        }
        Map<FlashPhase, Double> phases = new EnumMap<>(FlashPhase.class);
        for (FlashPhase phase : FlashPhase.values()) {
            phases.put(phase, median(results, r -> seconds(r.phaseDurations().getOrDefault(phase, Duration.ZERO))));
        }
        return new BenchSummary(run.kind().id(), results.get(0).swdClockHz() / 1000, run.imageBytes(),
                results.size(), outcomes, failures, median(results, r -> seconds(r.total())),
                results.stream().mapToDouble(r -> seconds(r.total())).max().orElseThrow(), phases,
                results.stream().mapToLong(r -> r.counters().usbRoundTrips()).average().orElseThrow(),
                results.stream().mapToLong(r -> r.counters().swdTransfers()).average().orElseThrow(),
                run.wallSeconds());
    }

    /** How many boards passed. */
    public long passed() {
        return outcomes.getOrDefault(FlashOutcome.PASS, 0L);
    }

    private static double median(List<FlashResult> results, ToDoubleFunction<FlashResult> value) {
        double[] sorted = results.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
