package io.flashstation.station.results;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** A way to print attempts for the {@code results --format} option. */
public interface ResultFormat {

    /** Writes the attempts, in the order given, to {@code out}. */
    void write(List<AttemptRecord> attempts, Appendable out) throws IOException;

    /** The format for a {@code --format} value: table, csv or json. */
    static ResultFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "table" -> new TableFormat();
            case "csv" -> new CsvFormat();
            case "json" -> new JsonFormat();
            default -> throw new IllegalArgumentException("unknown results format '" + name
                    + "'; expected table, csv or json");
        };
    }
}
