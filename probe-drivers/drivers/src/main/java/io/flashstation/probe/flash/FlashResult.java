package io.flashstation.probe.flash;

import io.flashstation.probe.ProbeCounters;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The outcome of one flash attempt.
 *
 * @param outcome        PASS or FAIL
 * @param reason         why it failed; empty on PASS
 * @param message        one human sentence
 * @param chip           the part name, once identified
 * @param uid            the chip's UID as 24 hex digits, once identified
 * @param flashKib       the flash size register's value, once identified
 * @param failureAddress the address a failure concerns (first mismatching byte, protected sector), when known
 * @param phaseDurations time spent in each phase that ran, on the probe's host clock (virtual in the lab)
 * @param total          from the session's first probe transfer to its last
 * @param swdClockHz     the SWD clock the probe used (0 if the session never got that far)
 * @param counters       USB round trips and SWD transfers this session caused
 * @param bytesProgrammed bytes written by program operations
 */
public record FlashResult(FlashOutcome outcome, Optional<FailureReason> reason, String message, Optional<String> chip,
        Optional<String> uid, OptionalInt flashKib, OptionalInt failureAddress, Map<FlashPhase, Duration> phaseDurations,
        Duration total, long swdClockHz, ProbeCounters counters, long bytesProgrammed) {

    public FlashResult {
        phaseDurations = Map.copyOf(phaseDurations);
    }

    public boolean passed() {
        return outcome == FlashOutcome.PASS;
    }
}
