package io.flashstation.station;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged application run as a user runs it, for integration tests: start, talk HTTP, stop or kill. */
public final class DaemonProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final StringBuffer output = new StringBuffer();
    private final HttpClient http = HttpClient.newHttpClient();

    private DaemonProcess(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(this::collectOutput, "daemon-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code flash-station ARGS} with its state in {@code stateDir}, system properties as given. */
    public static DaemonProcess start(Path stateDir, List<String> properties, String... args) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1", "-Dstation.state-dir=" + stateDir));
        command.addAll(properties);
        command.add("-jar");
        command.add(System.getProperty("flashstation.app.jar"));
        command.addAll(List.of(args));
        return new DaemonProcess(new ProcessBuilder(command).redirectErrorStream(true).start(), port);
    }

    /** Waits for the daemon's ready line (or the process's end) and returns whether it is ready. */
    public boolean awaitReady(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (output.indexOf(" ready: ") >= 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return output.indexOf(" ready: ") >= 0;
    }

    /** GET {@code path} on the daemon's HTTP port; the body. */
    public String get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** SIGTERM, as systemd stops the service; the exit status. */
    public int stop(Duration limit) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the daemon did not stop within " + limit + " of SIGTERM:\n" + output);
        }
        return process.exitValue();
    }

    /** SIGKILL: a crash or a power cut of the JVM. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** The exit status once the process ends by itself. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not end within " + limit + ":\n" + output);
        }
        return process.exitValue();
    }

    public String output() {
        return output.toString();
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void collectOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            output.append("[output lost: ").append(e).append("]\n");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
