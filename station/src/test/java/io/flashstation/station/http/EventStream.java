package io.flashstation.station.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A subscriber to {@code /api/events} that parses the server-sent events (WHATWG HTML §9.2) as they come. */
final class EventStream implements AutoCloseable {

    /** One event: its name and its data parsed as JSON. */
    record Event(String name, JsonNode data) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private String name = "message";
    private final StringBuilder data = new StringBuilder();

    EventStream(HttpClient http, URI uri) {
        response = http.sendAsync(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> r.body().forEach(this::line));
    }

    /** The response's status and content type, once the stream is open. */
    HttpResponse<Stream<String>> opened() throws Exception {
        return response.get(60, TimeUnit.SECONDS);
    }

    /** The next event named {@code wanted} that {@code matches}, skipping others; fails after {@code seconds}. */
    Event next(String wanted, Predicate<JsonNode> matches, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no '" + wanted + "' event as expected within " + seconds + " s");
            }
            if (event.name().equals(wanted) && matches.test(event.data())) {
                return event;
            }
        }
    }

    // an empty line dispatches the event gathered so far; "field:value" lines with one optional space
    private void line(String line) {
        if (line.isEmpty()) {
            if (data.length() > 0) {
                try {
                    events.add(new Event(name, JSON.readTree(data.toString())));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            name = "message";
            data.setLength(0);
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
        if (field.equals("event")) {
            name = value;
        } else if (field.equals("data")) {
            data.append(data.length() > 0 ? "\n" : "").append(value);
        }
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
