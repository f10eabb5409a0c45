package io.flashstation.station.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application's {@code daemon --simulate}, started as an operator starts it, on a free port, and
 * stopped with SIGTERM. Its output is drained all along (a full pipe would stall the daemon) and kept for failure
 * messages.
 */
final class StationDaemon implements AutoCloseable {

    /** How long a loaded build machine may take to boot the daemon. */
    private static final long READY_SECONDS = 120;

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final int port;

    private StationDaemon(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread drain = new Thread(this::drain, "daemon-output");
        drain.setDaemon(true);
        drain.start();
    }

    /**
     * Starts a simulated station keeping its state in {@code stateDir}.
     *
     * @param token     the control token, if the station is to have one
     * @param arguments what follows {@code daemon}, e.g. {@code --simulate 4}
     */
    static StationDaemon start(Path stateDir, Optional<String> token, String... arguments) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                "-Dstation.state-dir=" + stateDir, "-Dstation.id=it-station"));
        token.ifPresent(t -> command.add("-Dstation.api.token=" + t));
        command.addAll(List.of("-jar", System.getProperty("flashstation.app.jar"), "daemon"));
        command.addAll(List.of(arguments));
        StationDaemon daemon = new StationDaemon(new ProcessBuilder(command).redirectErrorStream(true).start(), port);
        daemon.awaitReady();
        return daemon;
    }

    /** {@code path} on the daemon, e.g. {@code /api/slots}. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Everything the daemon printed so far. */
    String output() {
        return output.toString();
    }

    private void awaitReady() {
        try {
            if (!ready.await(READY_SECONDS, TimeUnit.SECONDS)) {
                close();
                throw new AssertionError("the daemon printed no ready line:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for the daemon", e);
        }
        if (!process.isAlive()) {
            throw new AssertionError("the daemon ended at start:\n" + output);
        }
    }

    private void drain() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                if (line.contains(" ready: ")) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            output.append("(output lost: ").append(e.getMessage()).append(")\n");
        } finally {
            ready.countDown();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as systemd stops it; a daemon that does not end is killed and the test fails. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the daemon did not stop on SIGTERM:\n" + output);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
