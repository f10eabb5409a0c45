package io.flashstation.station.api;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.station.results.AttemptOutcome;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.results.ResultTotals;
import io.flashstation.station.slot.OperatorAdvice;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code /api/stats} and {@code /api/failures}: how the line is doing, and what to do about what went wrong. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class StatsResource {

    private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(31);
    /** Failures are looked for among this many newest attempts, so the answer stays quick on a large store. */
    static final int FAILURE_SCAN = 500;

    private final RunningStations stations;
    private final Clock clock = Clock.systemUTC();

    public StatsResource(RunningStations stations) {
        this.stations = stations;
    }

    /**
     * Totals of the attempts that ended within {@code window} before now.
     *
     * @param window e.g. 15m, 1h (the default), 8h
     */
    @GET
    @Path("stats")
    public Stats stats(@QueryParam("window") String window) {
        Duration span = QueryParams.duration("window", window, MAX_WINDOW).orElse(DEFAULT_WINDOW);
        Instant until = clock.instant();
        ResultTotals totals = stations.require().store().totals(until.minus(span), until);
        List<ReasonCount> reasons = totals.failuresByReason().entrySet().stream()
                .sorted(Map.Entry.<FailureReason, Long>comparingByValue().reversed())
                .map(e -> new ReasonCount(e.getKey().name(), e.getValue(), OperatorAdvice.whatToDo(e.getKey())))
                .toList();
        return new Stats(span.toSeconds(), totals.from(), totals.until(), totals.passed(), totals.failed(),
                totals.aborted(), totals.attempts(), totals.yield().isPresent()
                        ? Optional.of(totals.yield().getAsDouble()) : Optional.empty(),
                totals.boardsPerHour(), reasons);
    }

    /** The newest failures, newest first, each with what to do about it. */
    @GET
    @Path("failures")
    public List<Failure> failures(@QueryParam("limit") String limit) {
        int count = QueryParams.number("limit", limit, 1, 100).orElse(10);
        return stations.require().store().latest(FAILURE_SCAN).stream()
                .filter(a -> a.outcome() == AttemptOutcome.FAIL)
                .sorted(Comparator.comparing(AttemptRecord::endedAt).reversed())
                .limit(count)
                .map(a -> new Failure(a.endedAt(), a.slot(), a.chipUid(), a.reason().orElseThrow().name(),
                        a.message(), OperatorAdvice.whatToDo(a.reason().orElseThrow())))
                .toList();
    }

    /**
     * The totals of one window.
     *
     * @param windowSeconds the window's length
     * @param yield         passed over passed plus failed; null before the first verdict
     * @param boardsPerHour boards passed per hour of the window
     * @param failures      failures per reason, most frequent first, with what to do
     */
    public record Stats(long windowSeconds, Instant from, Instant until, long passed, long failed, long aborted,
            long attempts, Optional<Double> yield, double boardsPerHour, List<ReasonCount> failures) {
    }

    /** How often one failure reason came up, and what the operator does about it. */
    public record ReasonCount(String reason, long count, String whatToDo) {
    }

    /** One failed attempt as the operator's list shows it. */
    public record Failure(Instant at, String slot, Optional<String> uid, String reason, String message,
            String whatToDo) {
    }
}
