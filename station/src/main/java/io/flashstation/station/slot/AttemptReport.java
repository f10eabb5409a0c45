package io.flashstation.station.slot;

import io.flashstation.probe.flash.FlashResult;
import java.time.Instant;
import java.util.UUID;

/**
 * One finished attempt as a slot reports it for recording: a board placed on a fixture and flashed once (wire
 * retries inside it included).
 *
 * @param id          the attempt's identity, also its idempotency key in the central database
 * @param slot        who flashed it
 * @param backend     {@code native} or {@code openocd}
 * @param firmware    the firmware version
 * @param firmwareSha256 the image file's digest
 * @param started     wall-clock start
 * @param ended       wall-clock end
 * @param result      the session's result (of the last try)
 * @param tries       sessions run for this board (1 + wire retries)
 * @param aborted     whether a station shutdown cut it short
 */
public record AttemptReport(UUID id, SlotIdentity slot, String backend, String firmware, String firmwareSha256,
        Instant started, Instant ended, FlashResult result, int tries, boolean aborted) {

    /** PASS, FAIL or ABORTED. */
    public String outcome() {
        return aborted ? "ABORTED" : result.outcome().name();
    }
}
