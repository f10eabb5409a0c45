package io.flashstation.probe.openocd;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one OpenOCD process to its end or to its timeout, handing every output line (stdout and stderr merged, as
 * OpenOCD logs to stderr and echoes to stdout) to a consumer on the caller's thread as it arrives. A run that
 * outlives its timeout is killed: the process and its own descendants, never anything else.
 */
final class OpenOcdRunner {

    /** How long to wait for the output's end once the process has been killed or has exited. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(5);

    /** How a run ended. */
    enum Ending {
        /** The process exited by itself. */
        EXITED,
        /** It outlived the timeout and was killed. */
        TIMED_OUT,
        /** The executable could not be started. */
        NOT_STARTED,
        /** The caller's thread was interrupted; the process was killed. */
        INTERRUPTED
    }

    /**
     * The end of a run.
     *
     * @param ending   how it ended
     * @param exitCode the exit code when it exited by itself, else -1
     * @param problem  why it could not be started, when it could not
     */
    record Outcome(Ending ending, int exitCode, Optional<String> problem) {
    }

    /** An output line, or the end of the output. */
    private record Line(String text) {
        static final Line END = new Line(null);
    }

    private OpenOcdRunner() {
    }

    static Outcome run(OpenOcdInvocation invocation, Duration timeout, Consumer<String> lines) {
        Process process;
        try {
            process = new ProcessBuilder(invocation.command()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Outcome(Ending.NOT_STARTED, -1, Optional.of(e.getMessage()));
        }
        BlockingQueue<Line> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(process, queue), "openocd-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            process.getOutputStream().close(); // OpenOCD reads nothing from us
            if (!pass(queue, deadline, lines)) {
                kill(process);
                // the output ends once everything holding it is dead, and waiting reaps our child
                pass(queue, System.nanoTime() + DRAIN_LIMIT.toNanos(), lines);
                process.waitFor(DRAIN_LIMIT.toNanos(), TimeUnit.NANOSECONDS);
                return new Outcome(Ending.TIMED_OUT, -1, Optional.empty());
            }
            if (!process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                kill(process); // it closed its output but lingers
                return new Outcome(Ending.TIMED_OUT, -1, Optional.empty());
            }
            return new Outcome(Ending.EXITED, process.exitValue(), Optional.empty());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return new Outcome(Ending.INTERRUPTED, -1, Optional.empty());
        } catch (IOException e) {
            kill(process);
            return new Outcome(Ending.NOT_STARTED, -1, Optional.of(e.getMessage()));
        }
    }

    /** Hands lines over until the output ends (true) or the deadline passes (false). */
    private static boolean pass(BlockingQueue<Line> queue, long deadline, Consumer<String> lines)
            throws InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Line line = queue.poll(left, TimeUnit.NANOSECONDS);
            if (line == Line.END) {
                return true;
            }
            if (line != null) {
                lines.accept(line.text());
            }
        }
    }

    private static void read(Process process, BlockingQueue<Line> queue) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = in.readLine()) != null) {
                queue.add(new Line(text));
            }
        } catch (IOException e) {
            queue.add(new Line("[reading OpenOCD's output failed: " + e.getMessage() + "]"));
        } finally {
            queue.add(Line.END);
        }
    }

    /**
     * Kills the process and what it started. Descendants go first: once their parent is dead they are re-parented
     * and no longer found as its descendants, and one left alive would hold the output pipe open.
     */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
