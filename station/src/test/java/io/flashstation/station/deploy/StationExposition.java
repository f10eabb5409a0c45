package io.flashstation.station.deploy;

import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashPhase;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a station daemon's /q/metrics shows at its n-th scrape, with the metric names of issue 7, for two kinds
 * of station: a busy one whose yield is poor, whose slot "bench-right" keeps failing and whose central database
 * is away; and an idle one whose probes are present while nobody feeds it boards. Together they make every alert
 * expression true and every dashboard query non-empty.
 *
 * @param station the station id every series carries
 * @param busy    true for the busy, failing station; false for the idle one
 */
record StationExposition(String station, boolean busy) {

    /** Slot states, lower case as the daemon reports them. */
    static final List<String> SLOT_STATES = List.of("idle", "waiting", "flashing", "passed", "failed", "paused", "disabled");
    private static final String FIRMWARE = "9.2.1";
    private static final String FIRMWARE_SHA256 = "5f0d1c3e9a4b7c2d8e6f1a0b3c5d7e9f2a4b6c8d0e1f3a5b7c9d1e3f5a7b9c1d";
    /** Bytes of the CircuitPython image each PASS programmed. */
    private static final long IMAGE_BYTES = 434_176;
    private static final double[] BUCKETS = {0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    /** Typical seconds of each phase: erase and program dominate (openocd-recipes.md "What these recipes cost"). */
    private static final Map<FlashPhase, Double> TYPICAL = Map.of(FlashPhase.CONNECT, 0.04, FlashPhase.IDENTIFY, 0.01,
            FlashPhase.CHECK, 0.02, FlashPhase.ERASE, 4.5, FlashPhase.PROGRAM, 1.75, FlashPhase.VERIFY, 0.4,
            FlashPhase.RESET, 0.01);

    /** The exposition at scrape {@code n} (1, 2, ...): busy counters grow with n, idle ones stand still. */
    String render(int n) {
        int k = busy ? n : 5; // an idle station's counters froze where its last boards left them
        StringBuilder out = new StringBuilder();
        type(out, "flashstation_flashes_total", "counter", "Boards finished, by outcome and failure reason");
        flashes(out, "PASS", "none", ProbeKind.STLINK_V2, 10L * k);
        flashes(out, "PASS", "none", ProbeKind.JLINK_OB, 6L * k);
        flashes(out, "FAIL", FailureReason.VERIFY_MISMATCH.name(), ProbeKind.STLINK_V2, 4L * k);
        flashes(out, "FAIL", FailureReason.NO_TARGET.name(), ProbeKind.JLINK_OB, 2L * k);
        flashes(out, "ABORTED", "none", ProbeKind.STLINK_V2, 0);

        type(out, "flashstation_board_duration_seconds", "histogram", "Whole-board time");
        histogram(out, "flashstation_board_duration_seconds", label("probe_kind", ProbeKind.STLINK_V2.id()), 6.5, 14L * k);
        histogram(out, "flashstation_board_duration_seconds", label("probe_kind", ProbeKind.JLINK_OB.id()), 7.5, 8L * k);
        type(out, "flashstation_phase_duration_seconds", "histogram", "Time of each flashing phase");
        for (FlashPhase phase : FlashPhase.values()) {
            for (ProbeKind kind : List.of(ProbeKind.STLINK_V2, ProbeKind.JLINK_OB)) {
                String labels = label("phase", phase.name()) + "," + label("probe_kind", kind.id());
                histogram(out, "flashstation_phase_duration_seconds", labels, TYPICAL.get(phase), 20L * k);
            }
        }

        type(out, "flashstation_probes_present", "gauge", "Debug probes on the USB bus");
        sample(out, "flashstation_probes_present", "", busy ? 2 : 8);
        type(out, "flashstation_slots", "gauge", "Slots by state");
        for (String state : SLOT_STATES) {
            sample(out, "flashstation_slots", label("state", state), slotsIn(state));
        }
        type(out, "flashstation_slot_state", "gauge", "1 for each slot's current state");
        for (String slot : slots()) {
            for (String state : SLOT_STATES) {
                sample(out, "flashstation_slot_state", label("slot", slot) + "," + label("state", state),
                        state.equals(stateOf(slot)) ? 1 : 0);
            }
        }
        type(out, "flashstation_slot_failures_total", "counter", "Boards failed per slot");
        for (String slot : slots()) {
            sample(out, "flashstation_slot_failures_total", label("slot", slot), slot.equals("bench-right") ? 5L * k : 1);
        }
        type(out, "flashstation_bytes_programmed_total", "counter", "Flash bytes programmed");
        sample(out, "flashstation_bytes_programmed_total", "", 16L * k * IMAGE_BYTES);
        type(out, "flashstation_replication_backlog", "gauge", "Results not yet forwarded to the central database");
        sample(out, "flashstation_replication_backlog", "", busy ? 5L * n : 0);
        type(out, "flashstation_firmware_info", "gauge", "The pinned firmware");
        sample(out, "flashstation_firmware_info", label("version", FIRMWARE) + "," + label("sha256", FIRMWARE_SHA256), 1);
        return out.toString();
    }

    private List<String> slots() {
        return busy ? List.of("bench-left", "bench-right")
                : List.of("1-1.1", "1-1.2", "1-1.3", "1-1.4", "1-2.1", "1-2.2", "1-2.3", "1-2.4");
    }

    private String stateOf(String slot) {
        if (!busy) {
            return slot.equals("1-2.4") ? "paused" : "waiting";
        }
        return slot.equals("bench-right") ? "failed" : "flashing";
    }

    private long slotsIn(String state) {
        return slots().stream().filter(s -> stateOf(s).equals(state)).count();
    }

    private void flashes(StringBuilder out, String outcome, String reason, ProbeKind kind, long value) {
        sample(out, "flashstation_flashes_total", label("outcome", outcome) + "," + label("reason", reason) + ","
                + label("probe_kind", kind.id()) + "," + label("firmware", FIRMWARE), value);
    }

    /** Half the observations in the first bucket at or above the typical time, 45% in the next, 5% above. */
    private void histogram(StringBuilder out, String name, String labels, double typical, long observations) {
        int first = 0;
        while (BUCKETS[first] < typical) {
            first++;
        }
        long cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (i == first) {
                cumulative += observations / 2;
            } else if (i == first + 1) {
                cumulative += observations * 9 / 20;
            } else if (i == first + 2) {
                cumulative = observations;
            }
            sample(out, name + "_bucket", labels + "," + label("le", String.valueOf(BUCKETS[i])), cumulative);
        }
        sample(out, name + "_bucket", labels + "," + label("le", "+Inf"), observations);
        sample(out, name + "_count", labels, observations);
        sample(out, name + "_sum", labels, observations * typical * 1.2);
    }

    private static void type(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append('{').append(label("station", station));
        if (!labels.isEmpty()) {
            out.append(',').append(labels);
        }
        out.append("} ").append(String.format(Locale.ROOT, "%s", value)).append('\n');
    }

    private static String label(String name, String value) {
        return name + "=\"" + value + "\"";
    }
}
