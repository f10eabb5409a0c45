package io.flashstation.station.results;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** An aligned plain-text table for a person at a terminal, one attempt per line, then a one-line summary. */
public final class TableFormat implements ResultFormat {

    private static final DateTimeFormatter ENDED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String ABSENT = "-";
    private static final String GAP = "  ";

    /** A column: heading, cell text, and whether it lines up on the right (numbers). */
    private record Column(String heading, Function<AttemptRecord, String> cell, boolean right) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("ENDED (UTC)", a -> ENDED.format(a.endedAt()), false),
            new Column("STATION", AttemptRecord::stationId, false),
            new Column("SLOT", AttemptRecord::slot, false),
            new Column("PROBE", AttemptRecord::probeKind, false),
            new Column("CHIP UID", a -> a.chipUid().orElse(ABSENT), false),
            new Column("#", a -> a.attemptNumber().isPresent()
                    ? Integer.toString(a.attemptNumber().getAsInt()) : ABSENT, true),
            new Column("OUTCOME", a -> a.outcome().name(), false),
            new Column("REASON", a -> a.reason().map(Enum::name).orElse(ABSENT), false),
            new Column("SECONDS", a -> String.format(Locale.ROOT, "%.1f", a.duration().toMillis() / 1000.0), true),
            new Column("FIRMWARE", AttemptRecord::firmwareVersion, false),
            // Last, unpadded: a message is the one cell of unbounded width. Line breaks would break the alignment.
            new Column("MESSAGE", a -> a.message().replaceAll("[\\r\\n]+", " "), false));

    @Override
    public void write(List<AttemptRecord> attempts, Appendable out) throws IOException {
        int[] widths = new int[COLUMNS.size()];
        for (int c = 0; c < COLUMNS.size(); c++) {
            widths[c] = COLUMNS.get(c).heading().length();
            for (AttemptRecord attempt : attempts) {
                widths[c] = Math.max(widths[c], COLUMNS.get(c).cell().apply(attempt).length());
            }
        }
        row(out, widths, COLUMNS.stream().map(Column::heading).toList());
        for (AttemptRecord attempt : attempts) {
            row(out, widths, COLUMNS.stream().map(column -> column.cell().apply(attempt)).toList());
        }
        out.append(summary(attempts)).append(System.lineSeparator());
    }

    private static void row(Appendable out, int[] widths, List<String> cells) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean last = c == cells.size() - 1;
            String padding = last ? "" : " ".repeat(widths[c] - cell.length());
            line.append(COLUMNS.get(c).right() ? padding + cell : cell + padding);
            if (!last) {
                line.append(GAP);
            }
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    private static String summary(List<AttemptRecord> attempts) {
        long passed = attempts.stream().filter(a -> a.outcome() == AttemptOutcome.PASS).count();
        long failed = attempts.stream().filter(a -> a.outcome() == AttemptOutcome.FAIL).count();
        long aborted = attempts.size() - passed - failed;
        return attempts.size() + (attempts.size() == 1 ? " attempt" : " attempts") + " (" + passed + " PASS, "
                + failed + " FAIL, " + aborted + " ABORTED)";
    }
}
