package io.flashstation.station.results;

import java.io.IOException;
import java.util.List;

/** RFC 4180 CSV: a header of the {@link ResultField} names, CRLF line ends, quoting only where a field needs it. */
public final class CsvFormat implements ResultFormat {

    private static final String CRLF = "\r\n";

    @Override
    public void write(List<AttemptRecord> attempts, Appendable out) throws IOException {
        line(out, ResultField.ALL.stream().map(ResultField::name).toList());
        for (AttemptRecord attempt : attempts) {
            line(out, ResultField.ALL.stream().map(f -> f.value().apply(attempt))
                    .map(v -> v == null ? "" : v.toString()).toList());
        }
    }

    private static void line(Appendable out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(quoted(fields.get(i)));
        }
        out.append(CRLF);
    }

    /** RFC 4180 §2.6-2.7: a field holding a comma, quote, CR or LF is enclosed in quotes, its quotes doubled. */
    static String quoted(String field) {
        if (field.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n')) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
