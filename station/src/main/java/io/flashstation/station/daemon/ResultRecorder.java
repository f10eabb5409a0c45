package io.flashstation.station.daemon;

import io.flashstation.probe.flash.FlashResult;
import io.flashstation.station.results.AttemptOutcome;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.results.FlashBackend;
import io.flashstation.station.results.ResultStore;
import io.flashstation.station.slot.AttemptReport;
import io.flashstation.station.slot.AttemptSink;
import io.flashstation.station.slot.OperatorAdvice;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Turns a slot's finished attempt into a results row, commits it, then tells whoever listens (metrics, the live
 * page): nothing is shown or counted that is not already stored.
 */
public final class ResultRecorder implements AttemptSink {

    private final String stationId;
    private final ResultStore store;
    private final List<Consumer<AttemptRecord>> listeners = new CopyOnWriteArrayList<>();

    public ResultRecorder(String stationId, ResultStore store) {
        this.stationId = stationId;
        this.store = store;
    }

    /** Hears every attempt once it is committed, on the slot's thread: keep it quick. */
    public void onRecorded(Consumer<AttemptRecord> listener) {
        listeners.add(listener);
    }

    @Override
    public void record(AttemptReport report) {
        AttemptRecord stored = store.record(toRecord(report));
        listeners.forEach(listener -> listener.accept(stored));
    }

    AttemptRecord toRecord(AttemptReport report) {
        FlashResult result = report.result();
        String described = OperatorAdvice.describe(result, report.aborted());
        String message = report.tries() > 1 ? described + " (" + report.tries() + " tries, the last at "
                + result.swdClockHz() / 1000 + " kHz)" : described;
        AttemptRecord.Builder row = AttemptRecord.builder().attemptId(report.id()).station(stationId)
                .slot(report.slot().name()).probe(report.slot().probeKind(), report.slot().probeSerial())
                .backend(FlashBackend.fromId(report.backend())).firmware(report.firmware(), report.firmwareSha256())
                .started(report.started()).ended(report.ended()).result(result);
        if (report.aborted()) {
            row.aborted(report.ended(), message);
        } else {
            row.outcome(AttemptOutcome.valueOf(report.outcome()), result.reason(), message);
        }
        return row.build();
    }
}
