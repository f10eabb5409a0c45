package io.flashstation.probe.openocd;

import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.flash.FlashOutcome;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.flash.FlashProgressListener;
import io.flashstation.probe.flash.FlashResult;
import io.flashstation.probe.openocd.OpenOcdFailures.Failure;
import io.flashstation.probe.openocd.OpenOcdRunner.Outcome;
import io.flashstation.probe.target.ChipIdentity;
import io.flashstation.probe.target.ChipUid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Flashes one board by running OpenOCD, under the contract of the native
 * {@link io.flashstation.probe.flash.FlashSession}: the same phases and progress events (read from OpenOCD's output
 * as it runs), the same result with the same failure taxonomy, and the part and UID read through OpenOCD so that a
 * row is keyed the same way. Never throws for a failed flash: every failure is a FAIL result with a reason.
 *
 * <p>Durations are OpenOCD's own millisecond clock between the script's marks, so they are wall-clock time of the
 * OpenOCD process. The counters are zero: OpenOCD does not report its USB round trips.
 */
public final class OpenOcdFlashSession {

    private static final System.Logger LOG = System.getLogger(OpenOcdFlashSession.class.getName());

    private final OpenOcdSettings settings;
    private final OpenOcdProbe probe;
    private final FlashPolicy policy;
    private final FlashProgressListener listener;
    private final Path workDir;
    private boolean ran;

    /** A session writing its temporary image to the system's temporary directory. */
    public OpenOcdFlashSession(OpenOcdSettings settings, OpenOcdProbe probe, FlashPolicy policy,
            FlashProgressListener listener) {
        this(settings, probe, policy, listener, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A session writing its temporary image to {@code workDir}. */
    public OpenOcdFlashSession(OpenOcdSettings settings, OpenOcdProbe probe, FlashPolicy policy,
            FlashProgressListener listener, Path workDir) {
        this.settings = settings;
        this.probe = probe;
        this.policy = policy;
        this.listener = listener;
        this.workDir = workDir;
    }

    /** Flashes {@code image}; a session object runs once. */
    public FlashResult run(FlashImage image) {
        if (ran) {
            throw new IllegalStateException("a flash session runs once; start a new one for the next attempt");
        }
        ran = true;
        OpenOcdOutput output = new OpenOcdOutput(listener, image.size());
        try (ImageFile file = ImageFile.write(image, workDir)) {
            OpenOcdInvocation invocation = OpenOcdInvocationBuilder.flash(settings, probe, policy, image, file);
            LOG.log(System.Logger.Level.INFO, "flashing {0} {1} through OpenOCD: {2}", probe.kind().id(),
                    probe.serial(), invocation.commandLine());
            Outcome outcome = OpenOcdRunner.run(invocation, settings.timeout(), output::accept);
            return result(outcome, output, image);
        } catch (IOException e) {
            return result(output, Optional.of(new Failure(FailureReason.INTERNAL,
                    "could not write the image for OpenOCD to " + workDir + ": " + e.getMessage())), image);
        }
    }

    private FlashResult result(Outcome outcome, OpenOcdOutput output, FlashImage image) {
        Optional<Failure> failure = switch (outcome.ending()) {
            case NOT_STARTED -> Optional.of(OpenOcdFailures.notStarted(settings, outcome.problem().orElse("")));
            case TIMED_OUT -> Optional.of(OpenOcdFailures.timedOut(settings.timeout(), output));
            case INTERRUPTED -> Optional.of(new Failure(FailureReason.INTERNAL,
                    "the station stopped the OpenOCD run (interrupted)"));
            case EXITED -> completed(outcome.exitCode(), output)
                    ? Optional.empty() : Optional.of(OpenOcdFailures.failed(output, policy, image, outcome.exitCode()));
        };
        failure.ifPresent(f -> LOG.log(System.Logger.Level.WARNING, "OpenOCD did not flash {0} {1}: {2} {3}; "
                + "it printed:\n{4}", probe.kind().id(), probe.serial(), f.reason(), f.message(),
                String.join("\n", output.transcript())));
        return result(output, failure, image);
    }

    /** PASS needs a clean exit after the reset step completed, and the read-back, unless the policy waived it. */
    private boolean completed(int exitCode, OpenOcdOutput output) {
        return exitCode == 0 && output.lastEnded().equals(Optional.of(FlashPhase.RESET))
                && (!policy.verify() || output.durations().containsKey(FlashPhase.VERIFY));
    }

    private FlashResult result(OpenOcdOutput output, Optional<Failure> failure, FlashImage image) {
        Optional<ChipIdentity> chip = output.chip();
        String message = failure.map(Failure::message).orElseGet(() -> String.format(
                "flashed %s %d bytes on the %s through OpenOCD", policy.verify() ? "and verified" : "(not verified)",
                image.size(), chip.map(ChipIdentity::partName).orElse("chip")));
        return new FlashResult(failure.isEmpty() ? FlashOutcome.PASS : FlashOutcome.FAIL, failure.map(Failure::reason),
                message, chip.map(ChipIdentity::partName), output.uid().map(ChipUid::hex),
                chip.map(c -> OptionalInt.of(c.flashKib())).orElse(OptionalInt.empty()), failure.map(Failure::address).orElse(OptionalInt.empty()), output.durations(), output.total(),
                output.clockHz(), new ProbeCounters(0, 0), output.bytesWritten());
    }
}
