package io.flashstation.station.results;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which attempts to read: all filters are optional and combine with AND. Times are compared with the attempt's end
 * (when its verdict was known); {@code from} is inclusive, {@code until} exclusive. With a limit, the newest that
 * many are returned. Results always come oldest first.
 *
 * @param chipUid   attempts on this chip only
 * @param stationId attempts by this station only (useful on the central database)
 * @param from      attempts that ended at or after this instant
 * @param until     attempts that ended before this instant
 * @param limit     at most this many, the newest
 */
public record ResultQuery(Optional<String> chipUid, Optional<String> stationId, Optional<Instant> from,
        Optional<Instant> until, OptionalInt limit) {

    public ResultQuery {
        chipUid = chipUid.map(uid -> uid.toUpperCase(Locale.ROOT));
        limit.ifPresent(n -> {
            if (n < 1) {
                throw new IllegalArgumentException("a result limit is at least 1, got " + n);
            }
        });
    }

    /** Every attempt. */
    public static ResultQuery all() {
        return new ResultQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty());
    }

    public ResultQuery uid(String uid) {
        return new ResultQuery(Optional.of(uid), stationId, from, until, limit);
    }

    public ResultQuery station(String station) {
        return new ResultQuery(chipUid, Optional.of(station), from, until, limit);
    }

    public ResultQuery since(Instant start) {
        return new ResultQuery(chipUid, stationId, Optional.of(start), until, limit);
    }

    public ResultQuery until(Instant end) {
        return new ResultQuery(chipUid, stationId, from, Optional.of(end), limit);
    }

    public ResultQuery latest(int count) {
        return new ResultQuery(chipUid, stationId, from, until, OptionalInt.of(count));
    }
}
