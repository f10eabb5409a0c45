package io.flashstation.station.deploy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A loopback HTTP server answering GET /q/metrics with a Prometheus text exposition that changes on every scrape
 * (the body for scrape 1, 2, 3...), standing in for a station daemon's metrics endpoint.
 */
final class ExpositionServer implements AutoCloseable {

    static final String PATH = "/q/metrics";

    private final HttpServer server;
    private final AtomicInteger scrapes = new AtomicInteger();

    private ExpositionServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving {@code bodyForScrape} on a free loopback port. */
    static ExpositionServer start(IntFunction<String> bodyForScrape) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExpositionServer exposition = new ExpositionServer(server);
        server.createContext(PATH, exchange -> {
            byte[] body = bodyForScrape.apply(exposition.scrapes.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return exposition;
    }

    /** The scrape target for this server, reporting as {@code station}. */
    ScrapeTarget target(String station) {
        return new ScrapeTarget("127.0.0.1:" + server.getAddress().getPort(), PATH, station);
    }

    /** How many times the endpoint has been scraped. */
    int scrapes() {
        return scrapes.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
