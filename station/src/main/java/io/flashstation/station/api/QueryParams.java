package io.flashstation.station.api;

import io.flashstation.station.cli.DurationText;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the API's query and path parameters, refusing bad ones with a 400 that names the parameter. */
final class QueryParams {

    private static final Pattern UID = Pattern.compile("[0-9A-Fa-f]{24}");

    private QueryParams() {
    }

    /** A chip UID: 24 hex digits, returned upper case. */
    static String uid(String name, String text) {
        String trimmed = text == null ? "" : text.trim();
        if (!UID.matcher(trimmed).matches()) {
            throw ApiException.badRequest(name + " must be a chip UID of 24 hex digits (e.g. 0039002B3438511838393736),"
                    + " got '" + text + "'");
        }
        return trimmed.toUpperCase(Locale.ROOT);
    }

    /** An optional UID; blank counts as absent. */
    static Optional<String> optionalUid(String name, String text) {
        return blank(text) ? Optional.empty() : Optional.of(uid(name, text));
    }

    /** An optional instant in ISO-8601 with a zone or offset; blank counts as absent. */
    static Optional<Instant> instant(String name, String text) {
        if (blank(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.trim()).toInstant());
        } catch (DateTimeException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 time with a zone, e.g. "
                    + "2026-11-25T08:00:00Z or 2026-11-25T09:00:00+01:00, got '" + text + "'");
        }
    }

    /** An optional whole number in [min, max]; blank counts as absent. */
    static Optional<Integer> number(String name, String text, int min, int max) {
        if (blank(text)) {
            return Optional.empty();
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // answered below with the range
        }
        throw ApiException.badRequest(name + " must be a whole number from " + min + " to " + max + ", got '" + text
                + "'");
    }

    /** An optional duration written like 15m, 8h, 90s; blank counts as absent. */
    static Optional<Duration> duration(String name, String text, Duration max) {
        if (blank(text)) {
            return Optional.empty();
        }
        Duration parsed;
        try {
            parsed = new DurationText().convert(text);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(name + " must be a duration such as 15m, 1h or 8h, got '" + text + "'");
        }
        if (parsed.isZero() || parsed.compareTo(max) > 0) {
            throw ApiException.badRequest(name + " must be more than 0 and at most " + max.toHours() + "h, got '"
                    + text + "'");
        }
        return Optional.of(parsed);
    }

    /** A time range [since, until) whose end is after its start. */
    static void requireOrdered(Instant since, Instant until) {
        if (!until.isAfter(since)) {
            throw ApiException.badRequest("until (" + until + ") must be after since (" + since + ")");
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
