package io.flashstation.firmware.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A web server on 127.0.0.1 for download tests, over HTTPS with a self-signed certificate (the keystore in the
 * test resources) or plain HTTP. Each path gets a behaviour: a well-behaved file server, one that ignores ranges,
 * cuts connections, stalls or answers with an error. Every request is recorded.
 */
public final class LoopbackImageServer implements AutoCloseable {

    private static final String KEYSTORE = "/loopback-tls.p12";
    private static final char[] PASSWORD = "loopback-test".toCharArray();
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    /** A recorded request: the path and its Range header (null when absent). */
    public record Request(String path, String range) {
    }

    /** What the server does for one request; {@code index} counts earlier requests to the same path. */
    @FunctionalInterface
    public interface Behaviour {
        void respond(HttpExchange exchange, int index) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final String scheme;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** Released on close, so that stalled handlers end with the test. */
    private final CountDownLatch closing = new CountDownLatch(1);

    private LoopbackImageServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(executor);
        server.start();
    }

    /** An HTTPS server whose certificate {@link #clientTrust()} trusts. */
    public static LoopbackImageServer https() throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        return new LoopbackImageServer(server, "https");
    }

    /** A plain-HTTP server. */
    public static LoopbackImageServer http() throws IOException {
        return new LoopbackImageServer(
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
    }

    /** A client TLS context that trusts exactly the test certificate. */
    public static SSLContext clientTrust() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Serves {@code behaviour} at {@code path}. */
    public LoopbackImageServer on(String path, Behaviour behaviour) {
        server.createContext(path, exchange -> {
            try (exchange) {
                requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Range")));
                exchange.getRequestBody().readAllBytes();
                behaviour.respond(exchange, counts.computeIfAbsent(path, p -> new AtomicInteger()).getAndIncrement());
            }
        });
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** A file server that honours {@code Range: bytes=N-} with 206 and Content-Range, as S3 does. */
    public static Behaviour file(byte[] content) {
        return (exchange, index) -> sendFile(exchange, content);
    }

    /** A server that always sends the whole file with 200, whatever the Range header says. */
    public static Behaviour ignoringRanges(byte[] content) {
        return (exchange, index) -> sendBody(exchange, 200, content, 0, content.length, content.length);
    }

    /** Cuts the first {@code cutCount} responses after {@code cutAt} bytes, then behaves like {@link #file}. */
    public static Behaviour cutting(byte[] content, int cutAt, int cutCount) {
        return (exchange, index) -> {
            if (index >= cutCount) {
                sendFile(exchange, content);
                return;
            }
            long start = rangeStart(exchange);
            if (start > 0) {
                exchange.getResponseHeaders().set("Content-Range",
                        "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            }
            exchange.sendResponseHeaders(start > 0 ? 206 : 200, content.length - start);
            OutputStream body = exchange.getResponseBody();
            body.write(content, (int) start, Math.max(0, cutAt - (int) start));
            body.flush();
            // A handler that fails mid-body makes the server drop the connection: the client sees it end early.
            throw new IOException("connection cut on purpose after " + cutAt + " bytes");
        };
    }

    /** Sends the headers and {@code before} bytes, then nothing until the server closes. */
    public Behaviour stalling(byte[] content, int before) {
        return (exchange, index) -> {
            exchange.sendResponseHeaders(200, content.length);
            exchange.getResponseBody().write(content, 0, before);
            exchange.getResponseBody().flush();
            try {
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** Holds every response until {@code gate} opens, then serves the file. */
    public static Behaviour gated(byte[] content, CountDownLatch arrived, CountDownLatch gate) {
        return (exchange, index) -> {
            arrived.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            sendFile(exchange, content);
        };
    }

    /** Sends the file without a Content-Length (chunked), so the size is only known by counting. */
    public static Behaviour chunked(byte[] content) {
        return (exchange, index) -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(content);
        };
    }

    /** Answers with an empty body and {@code status}. */
    public static Behaviour status(int status) {
        return (exchange, index) -> exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private static void sendFile(HttpExchange exchange, byte[] content) throws IOException {
        long start = rangeStart(exchange);
        if (start >= content.length && start > 0) {
            exchange.getResponseHeaders().set("Content-Range", "bytes */" + content.length);
            exchange.sendResponseHeaders(416, -1);
        } else if (start > 0) {
            exchange.getResponseHeaders().set("Content-Range",
                    "bytes " + start + "-" + (content.length - 1) + "/" + content.length);
            sendBody(exchange, 206, content, (int) start, content.length, content.length - start);
        } else {
            sendBody(exchange, 200, content, 0, content.length, content.length);
        }
    }

    private static void sendBody(HttpExchange exchange, int status, byte[] content, int from, int to, long length)
            throws IOException {
        exchange.getResponseHeaders().set("Accept-Ranges", "bytes");
        exchange.sendResponseHeaders(status, length);
        exchange.getResponseBody().write(content, from, to - from);
    }

    private static long rangeStart(HttpExchange exchange) {
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range == null) {
            return 0;
        }
        Matcher matcher = RANGE.matcher(range);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(), PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore keyStore() {
        try (InputStream in = LoopbackImageServer.class.getResourceAsStream(KEYSTORE)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
