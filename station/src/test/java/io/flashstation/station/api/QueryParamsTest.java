package io.flashstation.station.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The API's parameter rules (docs/api.md "Parameters"): what is accepted, and the 400 sentence for the rest. */
class QueryParamsTest {

    @Test
    void aUidIsTwentyFourHexDigitsInEitherCaseAndComesBackUpperCase() {
        assertThat(QueryParams.uid("uid", " 0039002b3438511838393736 ")).isEqualTo("0039002B3438511838393736");
        assertRefused(() -> QueryParams.uid("uid", "0039002B34385118383937"), "uid must be a chip UID of 24 hex");
        assertRefused(() -> QueryParams.uid("uid", "0039002B3438511838393G36"), "got '0039002B3438511838393G36'");
        assertThat(QueryParams.optionalUid("uid", "  ")).isEmpty();
    }

    @Test
    void timesNeedAZoneOrOffset() {
        assertThat(QueryParams.instant("since", "2026-11-25T09:00:00+01:00"))
                .contains(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(QueryParams.instant("since", "2026-11-25T08:00:00.5Z"))
                .contains(Instant.parse("2026-11-25T08:00:00.5Z"));
        assertRefused(() -> QueryParams.instant("since", "2026-11-25T08:00:00"), "since must be an ISO-8601 time");
        assertRefused(() -> QueryParams.instant("until", "tomorrow"), "until must be an ISO-8601 time");
        assertThat(QueryParams.instant("since", null)).isEmpty();
    }

    @Test
    void numbersMustBeWholeAndInRange() {
        assertThat(QueryParams.number("limit", "10", 1, 100)).contains(10);
        assertRefused(() -> QueryParams.number("limit", "0", 1, 100), "limit must be a whole number from 1 to 100");
        assertRefused(() -> QueryParams.number("limit", "101", 1, 100), "got '101'");
        assertRefused(() -> QueryParams.number("limit", "1.5", 1, 100), "whole number");
        assertRefused(() -> QueryParams.number("limit", "99999999999", 1, 100), "whole number");
    }

    @Test
    void durationsAreWrittenAsOnTheCommandLineAndBounded() {
        assertThat(QueryParams.duration("window", "15m", Duration.ofDays(1))).contains(Duration.ofMinutes(15));
        assertRefused(() -> QueryParams.duration("window", "15 minutes", Duration.ofDays(1)), "such as 15m");
        assertRefused(() -> QueryParams.duration("window", "0h", Duration.ofDays(1)), "more than 0");
        assertRefused(() -> QueryParams.duration("window", "25h", Duration.ofDays(1)), "at most 24h");
    }

    @Test
    void aRangeMustEndAfterItStarts() {
        Instant noon = Instant.parse("2026-11-25T12:00:00Z");
        QueryParams.requireOrdered(noon, noon.plusSeconds(1));
        assertRefused(() -> QueryParams.requireOrdered(noon, noon), "must be after since");
    }

    private static void assertRefused(Runnable call, String says) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(Response.Status.BAD_REQUEST);
            assertThat(e.getMessage()).contains(says);
        });
    }
}
