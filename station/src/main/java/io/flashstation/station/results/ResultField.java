package io.flashstation.station.results;

import io.flashstation.probe.flash.FlashPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One exported field of an attempt: its stable snake_case name (scripts and dashboards depend on these: extend, do not
 * rename) and its value, a String, a Number, or null when absent.
 *
 * @param name  the field name in CSV headers and JSON objects
 * @param value reads the field from an attempt
 */
public record ResultField(String name, Function<AttemptRecord, Object> value) {

    /** Every field, in the order CSV columns and JSON members appear. */
    public static final List<ResultField> ALL = all();

    private static List<ResultField> all() {
        List<ResultField> fields = new ArrayList<>(List.of(
                new ResultField("attempt_id", a -> a.attemptId().toString()),
                new ResultField("station_id", AttemptRecord::stationId),
                new ResultField("slot", AttemptRecord::slot),
                new ResultField("probe_kind", AttemptRecord::probeKind),
                new ResultField("probe_serial", AttemptRecord::probeSerial),
                new ResultField("backend", a -> a.backend().id()),
                new ResultField("chip_uid", a -> a.chipUid().orElse(null)),
                new ResultField("attempt_number", a -> a.attemptNumber().isPresent()
                        ? a.attemptNumber().getAsInt() : null),
                new ResultField("part", a -> a.part().orElse(null)),
                new ResultField("flash_size_kib", a -> a.flashSizeKib().isPresent()
                        ? a.flashSizeKib().getAsInt() : null),
                new ResultField("firmware_version", AttemptRecord::firmwareVersion),
                new ResultField("firmware_sha256", AttemptRecord::firmwareSha256),
                new ResultField("started_at", a -> a.startedAt().toString()),
                new ResultField("ended_at", a -> a.endedAt().toString()),
                new ResultField("duration_ms", a -> a.duration().toMillis()),
                new ResultField("outcome", a -> a.outcome().name()),
                new ResultField("reason", a -> a.reason().map(Enum::name).orElse(null)),
                new ResultField("message", AttemptRecord::message)));
        for (FlashPhase phase : FlashPhase.values()) {
            fields.add(new ResultField(AttemptRows.phaseColumn(phase), a -> {
                Duration duration = a.phaseDurations().get(phase);
                return duration == null ? null : duration.toMillis();
            }));
        }
        fields.add(new ResultField("swd_clock_hz", AttemptRecord::swdClockHz));
        fields.add(new ResultField("bytes_programmed", AttemptRecord::bytesProgrammed));
        return Collections.unmodifiableList(fields);
    }
}
