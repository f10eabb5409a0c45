package io.flashstation.station.results;

import java.time.Instant;
import java.util.Optional;

/**
 * What the central forwarder reports to metrics and health.
 *
 * @param backlog          rows recorded locally and not yet confirmed centrally
 * @param forwarded        rows this forwarder has delivered since it was created
 * @param lastForwardedAt  when a batch last reached the central database
 * @param lastError        why the last pass stopped short; empty once a pass has drained the outbox
 * @param lastErrorAt      when that error happened
 */
public record ForwarderStatus(long backlog, long forwarded, Optional<Instant> lastForwardedAt,
        Optional<String> lastError, Optional<Instant> lastErrorAt) {

    /** True while the central database is keeping up (degraded, not down, otherwise: local recording goes on). */
    public boolean healthy() {
        return lastError.isEmpty();
    }
}
