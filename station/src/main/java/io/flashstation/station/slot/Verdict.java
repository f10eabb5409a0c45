package io.flashstation.station.slot;

import java.time.Instant;
import java.util.Optional;

/**
 * The last result a slot showed.
 *
 * @param outcome PASS, FAIL or ABORTED
 * @param reason  the failure reason's name, empty on PASS
 * @param message the human sentence
 * @param uid     the chip UID, once the chip was identified
 * @param at      when the result was recorded
 */
public record Verdict(String outcome, Optional<String> reason, String message, Optional<String> uid, Instant at) {
}
