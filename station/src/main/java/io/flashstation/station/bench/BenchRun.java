package io.flashstation.station.bench;

import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.flash.FlashResult;
import java.util.List;

/**
 * What a bench run produced: one result per board, in order, and how long the run took on the wall clock.
 *
 * @param kind        the probe class the driver identified
 * @param imageBytes  the bytes of content in the image
 * @param results     one flash result per board
 * @param wallSeconds real time the whole run took (simulation cost, not a property of the probe)
 */
public record BenchRun(ProbeKind kind, long imageBytes, List<FlashResult> results, double wallSeconds) {

    public BenchRun {
        results = List.copyOf(results);
    }
}
