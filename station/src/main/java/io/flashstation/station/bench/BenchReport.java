package io.flashstation.station.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.probe.flash.FlashOutcome;
import io.flashstation.probe.flash.FlashPhase;
import java.util.Locale;
import java.util.Map;

/** Renders a {@link BenchSummary}: one JSON object for scripts, or a small table for people. */
public final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    /** The summary as one JSON object (field names are the `bench --json` contract, issue 4). */
    public static String json(BenchSummary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("probe", summary.probe());
        root.put("swd_khz", summary.swdKhz());
        root.put("image_bytes", summary.imageBytes());
        root.put("boards", summary.boards());
        ObjectNode outcomes = root.putObject("outcomes");
        for (FlashOutcome outcome : FlashOutcome.values()) {
            outcomes.put(outcome.name(), summary.outcomes().get(outcome));
        }
        ObjectNode failures = root.putObject("failures");
        summary.failures().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(failure -> {
            ObjectNode node = failures.putObject(failure.getKey().name());
            node.put("count", failure.getValue().count());
            node.put("first_message", failure.getValue().firstMessage());
        });
        ObjectNode perBoard = root.putObject("virtual_seconds_per_board");
        perBoard.put("median", summary.medianSeconds());
        perBoard.put("max", summary.maxSeconds());
        ObjectNode phases = root.putObject("phases");
        summary.phaseMedianSeconds().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(phase -> phases.put(name(phase.getKey()), phase.getValue()));
        root.put("usb_round_trips_per_board", summary.roundTripsPerBoard());
        root.put("swd_transfers_per_board", summary.swdTransfersPerBoard());
        root.put("wall_seconds", summary.wallSeconds());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }

    /** The summary as aligned lines of text. */
    public static String table(BenchSummary summary) {
        StringBuilder text = new StringBuilder();
        row(text, "probe", summary.probe());
        row(text, "SWD clock", summary.swdKhz() + " kHz");
        row(text, "image", summary.imageBytes() + " bytes");
        row(text, "boards", summary.boards() + " (" + summary.passed() + " PASS, "
                + summary.outcomes().get(FlashOutcome.FAIL) + " FAIL)");
        summary.failures().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(failure -> row(text, "  " + failure.getKey().name(), failure.getValue().count()
                        + " board(s), first: " + failure.getValue().firstMessage()));
        row(text, "virtual s/board", String.format(Locale.ROOT, "median %.3f, max %.3f", summary.medianSeconds(),
                summary.maxSeconds()));
        summary.phaseMedianSeconds().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(phase -> row(text, "  " + name(phase.getKey()),
                        String.format(Locale.ROOT, "%.3f s (median)", phase.getValue())));
        row(text, "USB round trips", String.format(Locale.ROOT, "%.1f per board", summary.roundTripsPerBoard()));
        row(text, "SWD transfers", String.format(Locale.ROOT, "%.1f per board", summary.swdTransfersPerBoard()));
        row(text, "wall time", String.format(Locale.ROOT, "%.1f s", summary.wallSeconds()));
        return text.toString();
    }

    private static void row(StringBuilder text, String label, String value) {
        text.append(String.format(Locale.ROOT, "%-18s %s%n", label, value));
    }

    private static String name(FlashPhase phase) {
        return phase.name().toLowerCase(Locale.ROOT);
    }
}
