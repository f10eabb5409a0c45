package io.flashstation.station.results;

import io.flashstation.probe.flash.FailureReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Counts over a time window (attempts that ended in [from, until)), as the API and operator page show them.
 *
 * @param from             window start, inclusive
 * @param until            window end, exclusive
 * @param passed           PASS attempts
 * @param failed           FAIL attempts
 * @param aborted          ABORTED attempts
 * @param failuresByReason FAIL attempts per reason (reasons with none are absent)
 */
public record ResultTotals(Instant from, Instant until, long passed, long failed, long aborted,
        Map<FailureReason, Long> failuresByReason) {

    public ResultTotals {
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("a totals window must end after it starts: " + from + " .. " + until);
        }
        failuresByReason = Collections.unmodifiableMap(failuresByReason.isEmpty()
                ? new EnumMap<>(FailureReason.class) : new EnumMap<>(failuresByReason));
    }

    /** Every attempt in the window, whatever its outcome. */
    public long attempts() {
        return passed + failed + aborted;
    }

    /**
     * PASS over PASS plus FAIL: aborted attempts are left out because the station, not the board, cut them short.
     * Empty when no attempt reached a verdict.
     */
    public OptionalDouble yield() {
        long verdicts = passed + failed;
        return verdicts == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) passed / verdicts);
    }

    /** Boards that passed per hour of the window: the line's good-board throughput. */
    public double boardsPerHour() {
        double hours = Duration.between(from, until).toNanos() / 3_600e9;
        return passed / hours;
    }
}
