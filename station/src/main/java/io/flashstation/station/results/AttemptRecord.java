package io.flashstation.station.results;

import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashOutcome;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One flashing attempt as the results store keeps it.
 *
 * <p>Times are kept to the microsecond and phase durations to the millisecond, the precision both databases store,
 * so a record read back equals the one recorded.
 *
 * @param attemptId       unique per attempt; recording the same id twice stores it once
 * @param stationId       the station that made the attempt
 * @param slot            the slot name (probe serial or USB port path, or a configured name)
 * @param probeKind       the probe kind id, as {@link io.flashstation.probe.ProbeKind#id()} names it
 * @param probeSerial     the probe's serial as it reported it (may be empty)
 * @param backend         the flashing engine
 * @param chipUid         24 upper-case hex digits; empty when the chip was never identified
 * @param part            the part name, once identified
 * @param flashSizeKib    the flash size register's value, once read
 * @param firmwareVersion the pinned firmware's version
 * @param firmwareSha256  the pinned image's SHA-256, 64 lower-case hex digits
 * @param startedAt       when the attempt began
 * @param endedAt         when its verdict was known
 * @param outcome         PASS, FAIL or ABORTED
 * @param reason          why it failed; never on PASS, always on FAIL, optional on ABORTED
 * @param message         one sentence for the operator (cut to {@value #MAX_MESSAGE} characters)
 * @param phaseDurations  time per phase that ran
 * @param swdClockHz      the SWD clock used (0 when the session never got that far)
 * @param bytesProgrammed bytes written by program operations
 * @param attemptNumber   the store's count of attempts on this UID, this one included; assigned by
 *                        {@link ResultStore#record}, so empty on a record not yet stored and on one without a UID
 */
public record AttemptRecord(UUID attemptId, String stationId, String slot, String probeKind, String probeSerial,
        FlashBackend backend, Optional<String> chipUid, Optional<String> part, OptionalInt flashSizeKib,
        String firmwareVersion, String firmwareSha256, Instant startedAt, Instant endedAt, AttemptOutcome outcome,
        Optional<FailureReason> reason, String message, Map<FlashPhase, Duration> phaseDurations, long swdClockHz,
        long bytesProgrammed, OptionalInt attemptNumber) {

    /** The longest message kept; longer ones are cut so that an over-long exception text cannot lose a row. */
    public static final int MAX_MESSAGE = 4000;

    private static final Pattern UID = Pattern.compile("[0-9A-F]{24}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public AttemptRecord {
        Objects.requireNonNull(attemptId, "attemptId");
        stationId = bounded("stationId", stationId, 100);
        slot = bounded("slot", slot, 200);
        probeKind = bounded("probeKind", probeKind, 40);
        Objects.requireNonNull(probeSerial, "probeSerial");
        if (probeSerial.length() > 200) {
            throw new IllegalArgumentException("probeSerial longer than 200 characters");
        }
        Objects.requireNonNull(backend, "backend");
        chipUid = chipUid.map(uid -> uid.toUpperCase(Locale.ROOT));
        chipUid.filter(uid -> !UID.matcher(uid).matches()).ifPresent(uid -> {
            throw new IllegalArgumentException("chip UID must be 24 hex digits, got '" + uid + "'");
        });
        part = part.map(p -> bounded("part", p, 40));
        flashSizeKib.ifPresent(kib -> {
            if (kib <= 0) {
                throw new IllegalArgumentException("flash size must be positive, got " + kib + " KiB");
            }
        });
        firmwareVersion = bounded("firmwareVersion", firmwareVersion, 100);
        firmwareSha256 = Objects.requireNonNull(firmwareSha256, "firmwareSha256").toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(firmwareSha256).matches()) {
            throw new IllegalArgumentException("firmware sha256 must be 64 hex digits, got '" + firmwareSha256 + "'");
        }
        startedAt = Objects.requireNonNull(startedAt, "startedAt").truncatedTo(ChronoUnit.MICROS);
        endedAt = Objects.requireNonNull(endedAt, "endedAt").truncatedTo(ChronoUnit.MICROS);
        if (endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("attempt ends (" + endedAt + ") before it starts (" + startedAt + ")");
        }
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
        if (outcome == AttemptOutcome.PASS && reason.isPresent()) {
            throw new IllegalArgumentException("a PASS has no failure reason, got " + reason.get());
        }
        if (outcome == AttemptOutcome.FAIL && reason.isEmpty()) {
            throw new IllegalArgumentException("a FAIL needs a failure reason");
        }
        Objects.requireNonNull(message, "message");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE - 1) + "…";
        }
        phaseDurations = toMillis(phaseDurations);
        if (swdClockHz < 0 || bytesProgrammed < 0) {
            throw new IllegalArgumentException("SWD clock and bytes programmed cannot be negative");
        }
        Objects.requireNonNull(attemptNumber, "attemptNumber");
        if (attemptNumber.isPresent() && (attemptNumber.getAsInt() < 1 || chipUid.isEmpty())) {
            throw new IllegalArgumentException("an attempt number is 1 or more and needs a chip UID");
        }
    }

    /** Starts a record for an attempt; {@link Builder#result} or the setters fill in what happened. */
    public static Builder builder() {
        return new Builder();
    }

    /** A copy carrying the attempt number the store assigned. */
    AttemptRecord withAttemptNumber(OptionalInt number) {
        return new AttemptRecord(attemptId, stationId, slot, probeKind, probeSerial, backend, chipUid, part,
                flashSizeKib, firmwareVersion, firmwareSha256, startedAt, endedAt, outcome, reason, message,
                phaseDurations, swdClockHz, bytesProgrammed, number);
    }

    /** The whole attempt from start to verdict. */
    public Duration duration() {
        return Duration.between(startedAt, endedAt);
    }

    private static String bounded(String name, String value, int maxLength) {
        Objects.requireNonNull(value, name);
        if (value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be 1 to " + maxLength + " characters, got '" + value + "'");
        }
        return value;
    }

    private static Map<FlashPhase, Duration> toMillis(Map<FlashPhase, Duration> durations) {
        EnumMap<FlashPhase, Duration> millis = new EnumMap<>(FlashPhase.class);
        durations.forEach((phase, duration) -> {
            if (duration.isNegative()) {
                throw new IllegalArgumentException("phase " + phase + " has a negative duration");
            }
            millis.put(phase, Duration.ofMillis(duration.toMillis()));
        });
        return Collections.unmodifiableMap(millis);
    }

    /** Collects an attempt's facts as the slot learns them. */
    public static final class Builder {
        private UUID attemptId = UUID.randomUUID();
        private String stationId;
        private String slot;
        private String probeKind;
        private String probeSerial = "";
        private FlashBackend backend = FlashBackend.NATIVE;
        private Optional<String> chipUid = Optional.empty();
        private Optional<String> part = Optional.empty();
        private OptionalInt flashSizeKib = OptionalInt.empty();
        private String firmwareVersion;
        private String firmwareSha256;
        private Instant startedAt;
        private Instant endedAt;
        private AttemptOutcome outcome;
        private Optional<FailureReason> reason = Optional.empty();
        private String message = "";
        private Map<FlashPhase, Duration> phaseDurations = Map.of();
        private long swdClockHz;
        private long bytesProgrammed;

        private Builder() {
        }

        public Builder attemptId(UUID id) {
            this.attemptId = id;
            return this;
        }

        public Builder station(String stationId) {
            this.stationId = stationId;
            return this;
        }

        public Builder slot(String slot) {
            this.slot = slot;
            return this;
        }

        public Builder probe(String kindId, String serial) {
            this.probeKind = kindId;
            this.probeSerial = serial;
            return this;
        }

        public Builder backend(FlashBackend backend) {
            this.backend = backend;
            return this;
        }

        public Builder chip(String uid, String part, int flashSizeKib) {
            this.chipUid = Optional.of(uid);
            this.part = Optional.of(part);
            this.flashSizeKib = OptionalInt.of(flashSizeKib);
            return this;
        }

        public Builder flashSizeKib(int kib) {
            this.flashSizeKib = OptionalInt.of(kib);
            return this;
        }

        public Builder firmware(String version, String sha256) {
            this.firmwareVersion = version;
            this.firmwareSha256 = sha256;
            return this;
        }

        public Builder started(Instant at) {
            this.startedAt = at;
            return this;
        }

        public Builder ended(Instant at) {
            this.endedAt = at;
            return this;
        }

        public Builder outcome(AttemptOutcome outcome, Optional<FailureReason> reason, String message) {
            this.outcome = outcome;
            this.reason = reason;
            this.message = message;
            return this;
        }

        public Builder phases(Map<FlashPhase, Duration> durations) {
            this.phaseDurations = durations;
            return this;
        }

        public Builder swdClockHz(long hz) {
            this.swdClockHz = hz;
            return this;
        }

        public Builder bytesProgrammed(long bytes) {
            this.bytesProgrammed = bytes;
            return this;
        }

        /** Takes verdict, chip identity, phases, clock and byte count from a finished flash session. */
        public Builder result(FlashResult result) {
            this.outcome = result.outcome() == FlashOutcome.PASS ? AttemptOutcome.PASS : AttemptOutcome.FAIL;
            this.reason = result.reason();
            this.message = result.message();
            result.uid().ifPresent(uid -> this.chipUid = Optional.of(uid));
            result.chip().ifPresent(chip -> this.part = Optional.of(chip));
            result.flashKib().ifPresent(kib -> this.flashSizeKib = OptionalInt.of(kib));
            this.phaseDurations = result.phaseDurations();
            this.swdClockHz = result.swdClockHz();
            this.bytesProgrammed = result.bytesProgrammed();
            return this;
        }

        /** Marks the attempt as cut short by the station stopping, keeping whatever was learnt so far. */
        public Builder aborted(Instant at, String why) {
            this.outcome = AttemptOutcome.ABORTED;
            this.reason = Optional.empty();
            this.message = why;
            this.endedAt = at;
            return this;
        }

        public AttemptRecord build() {
            return new AttemptRecord(attemptId, stationId, slot, probeKind, probeSerial, backend, chipUid, part,
                    flashSizeKib, firmwareVersion, firmwareSha256, startedAt, endedAt, outcome, reason, message,
                    phaseDurations, swdClockHz, bytesProgrammed, OptionalInt.empty());
        }
    }
}
