package io.flashstation.station.results;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Realistic attempts for the results tests: a BlackPill flashed on an ST-Link V2 in about six seconds. */
final class SampleAttempts {

    static final String FIRMWARE_SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");

    private SampleAttempts() {
    }

    /** The UID of test board {@code n}: 24 hex digits as the identify phase reports them. */
    static String uid(int n) {
        return String.format("0039002130365108%08X", n);
    }

    /** A PASS on board {@code board} ending {@code endSecond} seconds after {@link #T0}, every phase timed. */
    static AttemptRecord.Builder pass(int board, int endSecond) {
        return base(board, endSecond).outcome(AttemptOutcome.PASS, Optional.empty(), "flashed and verified")
                .phases(allPhases());
    }

    /** A FAIL for {@code reason} on board {@code board}. */
    static AttemptRecord.Builder fail(int board, int endSecond, FailureReason reason) {
        return base(board, endSecond).outcome(AttemptOutcome.FAIL, Optional.of(reason),
                "failed: " + reason.name().toLowerCase());
    }

    private static AttemptRecord.Builder base(int board, int endSecond) {
        Instant ended = T0.plusSeconds(endSecond);
        return AttemptRecord.builder().attemptId(UUID.randomUUID()).station("line-1").slot("slot-" + (board % 4))
                .probe("stlink-v2", "55FF6B065177495619420887").backend(FlashBackend.NATIVE)
                .chip(uid(board), "STM32F411xE", 512).firmware("9.2.1", FIRMWARE_SHA256)
                .started(ended.minusMillis(6_123)).ended(ended).swdClockHz(4_000_000).bytesProgrammed(327_680);
    }

    /** Phase times of a 320 KiB CircuitPython image at 4 MHz: erase and program dominate, as on real boards. */
    static Map<FlashPhase, Duration> allPhases() {
        Map<FlashPhase, Duration> phases = new EnumMap<>(FlashPhase.class);
        long[] millis = {12, 8, 3, 2100, 2900, 950, 15};
        for (FlashPhase phase : FlashPhase.values()) {
            phases.put(phase, Duration.ofMillis(millis[phase.ordinal()]));
        }
        return phases;
    }
}
