package io.flashstation.station.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.nio.CharBuffer;
import java.util.List;

/** A JSON array with one object per attempt, members named and ordered as {@link ResultField#ALL}; absent is null. */
public final class JsonFormat implements ResultFormat {

    private static final JsonFactory FACTORY = new JsonFactory();

    @Override
    public void write(List<AttemptRecord> attempts, Appendable out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(asWriter(out))) {
            json.useDefaultPrettyPrinter();
            json.writeStartArray();
            for (AttemptRecord attempt : attempts) {
                json.writeStartObject();
                for (ResultField field : ResultField.ALL) {
                    Object value = field.value().apply(attempt);
                    json.writeFieldName(field.name());
                    if (value == null) {
                        json.writeNull();
                    } else if (value instanceof Number number) {
                        json.writeNumber(number.longValue());
                    } else {
                        json.writeString(value.toString());
                    }
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        out.append(System.lineSeparator());
    }

    /** Jackson writes to a Writer; this one forwards to the Appendable and leaves closing it to the caller. */
    private static Writer asWriter(Appendable out) {
        return new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) throws IOException {
                out.append(CharBuffer.wrap(buffer, offset, length));
            }

            @Override
            public void flush() throws IOException {
                if (out instanceof Flushable flushable) {
                    flushable.flush();
                }
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
