package io.flashstation.station.slot;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeFirmwareException;
import io.flashstation.probe.ProbeIndication;
import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.flash.FlashProgress;
import io.flashstation.probe.flash.FlashResult;
import io.flashstation.probe.flash.FlashSession;
import io.flashstation.probe.openocd.OpenOcdBoardLook;
import io.flashstation.probe.openocd.OpenOcdFlashSession;
import io.flashstation.probe.openocd.OpenOcdProbe;
import io.flashstation.station.image.StationImage;
import io.flashstation.usb.UsbDeviceInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The thread behind one slot: waits for a board, flashes it, records the result, shows the verdict, waits for the
 * board to be taken off, and again (DESIGN.md "The flow of one board"). It owns its probe: all blocking USB I/O for
 * the probe happens here and nowhere else.
 */
public final class SlotWorker implements Runnable {

    private static final System.Logger LOG = System.getLogger(SlotWorker.class.getName());

    /** Failures of the wire rather than the board: another try at a slower clock may pass. */
    private static final Set<FailureReason> RETRIED = EnumSet.of(FailureReason.WIRE_ERROR, FailureReason.TIMEOUT);

    /** An OpenOCD run per look costs a fraction of a second: such slots look no more often than this. */
    private static final Duration OPENOCD_LOOK_INTERVAL = Duration.ofSeconds(1);

    /** Failures that may be our driver's: under {@link Backend#AUTO} OpenOCD gets one try at such a board. */
    private static final Set<FailureReason> DRIVER_CLASS = EnumSet.of(FailureReason.INTERNAL, FailureReason.TIMEOUT);

    private final Slot slot;
    private final ProbeOpener opener;
    private final Backend backend;
    private final UsbDeviceInfo device;
    private final SlotSettings settings;
    private final AttemptSink sink;
    private final Clock wallClock;
    private final Object wake = new Object();
    private volatile boolean stopping;
    private volatile boolean gone;
    private volatile boolean aborting;
    private DebugProbe probe;

    public SlotWorker(Slot slot, UsbDeviceInfo device, ProbeOpener opener, Backend backend, SlotSettings settings,
            AttemptSink sink, Clock wallClock) {
        this.slot = slot;
        this.device = device;
        this.opener = opener;
        this.backend = backend;
        this.settings = settings;
        this.sink = sink;
        this.wallClock = wallClock;
    }

    public Slot slot() {
        return slot;
    }

    /** Stop taking new boards; a board in flight is finished and recorded first. */
    public void stopTakingBoards() {
        stopping = true;
        wakeUp();
    }

    /** The probe left the bus: end without waiting for anything. */
    public void probeGone() {
        gone = true;
        wakeUp();
    }

    /**
     * Cuts a board in flight short (shutdown deadline passed): the session stops at its next progress step (never
     * by closing the probe under a transfer on another thread) and the attempt is recorded as aborted.
     */
    public void abort() {
        stopping = true;
        aborting = true;
        wakeUp();
    }

    /**
     * Flashes whatever is in the fixture once, records it and shows the verdict: the {@code flash} command's board.
     * An empty fixture is recorded as NO_TARGET like any other failure.
     */
    public AttemptReport flashOnce() throws ProbeException {
        openProbe();
        try {
            AttemptReport report = flashBoard();
            showRecorded(report);
            return report;
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    private void openProbe() throws ProbeException {
        probe = opener.open();
        slot.identify(probe.info().kind().id(), SerialText.printableOr(probe.info().serial(),
                slot.identity().probeSerial()));
    }

    /**
     * Opens the probe, then runs the slot's cycle until stopped or the probe is gone. A probe our driver refuses
     * (firmware too old) is handed to OpenOCD for good when the backend allows it and OpenOCD drives its class.
     */
    @Override
    public void run() {
        try {
            openProbe();
        } catch (ProbeFirmwareException e) {
            Optional<OpenOcdBackend> openocd = settings.openocd().filter(o -> e.kind().map(o::drives).orElse(false));
            if (backend != Backend.NATIVE && openocd.isPresent()) {
                LOG.log(System.Logger.Level.WARNING, "slot " + slot.name() + ": " + e.getMessage()
                        + "; OpenOCD drives this probe instead");
                runThroughOpenOcdOnly(e.kind().orElseThrow(), openocd.get());
                return;
            }
            refused(e);
            return;
        } catch (ProbeException e) {
            refused(e);
            return;
        }
        try {
            indicate(ProbeIndication.IDLE);
            cycle(() -> BoardPresence.look(probe), this::flashBoard, settings.pollInterval());
        } catch (ProbeException e) {
            LOG.log(System.Logger.Level.INFO, "slot " + slot.name() + ": probe gone (" + e.getMessage() + ")");
        } finally {
            slot.enter(SlotState.IDLE);
            if (probe != null) {
                probe.close();
            }
        }
    }

    private void refused(ProbeException e) {
        LOG.log(System.Logger.Level.WARNING, "slot " + slot.name() + ": the probe could not be opened: "
                + e.getMessage());
        slot.enter(SlotState.IDLE);
    }

    /** Every look and every board through OpenOCD: it opens the probe itself, each time. */
    private void runThroughOpenOcdOnly(ProbeKind kind, OpenOcdBackend openocd) {
        OpenOcdProbe target = OpenOcdProbe.of(kind, device);
        slot.identify(kind.id(), slot.identity().probeSerial());
        Duration gently = settings.pollInterval().compareTo(OPENOCD_LOOK_INTERVAL) > 0 ? settings.pollInterval()
                : OPENOCD_LOOK_INTERVAL;
        try {
            cycle(() -> {
                OpenOcdBoardLook.Seen seen = OpenOcdBoardLook.look(openocd.settings(), target);
                return seen.present() ? Optional.of(new BoardPresence.Sighting(seen.uid())) : Optional.empty();
            }, () -> report(Instant.now(wallClock), flashedByOpenOcd(openocd, kind, settings.image().get()), 1),
                    gently);
        } catch (ProbeException e) {
            LOG.log(System.Logger.Level.INFO, "slot " + slot.name() + ": " + e.getMessage());
        } finally {
            slot.enter(SlotState.IDLE);
        }
    }

    /** Wait for a board, flash it, record it, show it, wait for it to go; again until stopped or the probe is gone. */
    private void cycle(Lookout lookout, Flasher flasher, Duration poll) throws ProbeException {
        while (!stopping && !gone) {
            if (slot.paused()) {
                slot.enter(SlotState.PAUSED);
                pause(poll);
                continue;
            }
            slot.enter(SlotState.WAITING);
            if (lookout.look().isEmpty()) {
                pause(poll);
                continue;
            }
            AttemptReport report = flasher.flash();
            if (!showRecorded(report) || report.result().reason().orElse(null) == FailureReason.PROBE_LOST) {
                return;
            }
            waitForRemoval(lookout, report.result().uid(), poll);
        }
    }

    private AttemptReport flashBoard() throws ProbeException {
        slot.enter(SlotState.FLASHING);
        indicate(ProbeIndication.BUSY);
        StationImage image = settings.image().get();
        Instant started = wallClock.instant();
        Optional<OpenOcdBackend> openocd = settings.openocd().filter(o -> o.drives(probe.info().kind()));
        FlashResult result;
        String used = "native";
        int tries = 1;
        if (backend == Backend.OPENOCD && openocd.isPresent()) {
            result = throughOpenOcd(openocd.get(), image);
            used = "openocd";
        } else {
            FlashPolicy policy = settings.policy();
            result = new FlashSession(probe, policy, this::progress).run(image.flash());
            while (result.reason().map(RETRIED::contains).orElse(false) && tries <= settings.wireRetries()
                    && !stopping && !gone) {
                tries++;
                long slower = Math.max(1, (result.swdClockHz() > 0 ? result.swdClockHz() : policy.swdClockHz()) / 2);
                LOG.log(System.Logger.Level.INFO, "slot " + slot.name() + ": " + result.message() + "; retrying at "
                        + slower / 1000 + " kHz");
                policy = policy.withSwdClockHz(slower);
                result = new FlashSession(probe, policy, this::progress).run(image.flash());
            }
            boolean fallBack = backend == Backend.AUTO && openocd.isPresent() && !stopping && !gone
                    && result.reason().map(DRIVER_CLASS::contains).orElse(false);
            if (fallBack) {
                LOG.log(System.Logger.Level.WARNING, "slot " + slot.name() + ": native flashing failed ("
                        + result.message() + "); trying OpenOCD once");
                tries++;
                result = throughOpenOcd(openocd.get(), image);
                used = "openocd";
            }
        }
        return report(started, new Flashed(result, used, image), tries);
    }

    private AttemptReport report(Instant started, Flashed flashed, int tries) {
        return new AttemptReport(UUID.randomUUID(), slot.identity(), flashed.backend(), flashed.image().version(),
                flashed.image().sha256(), started, wallClock.instant(), flashed.result(), tries,
                stopping && !flashed.result().passed());
    }

    /** A session's result with what produced it. */
    private record Flashed(FlashResult result, String backend, StationImage image) {
    }

    /** A board of a slot only OpenOCD drives. */
    private Flashed flashedByOpenOcd(OpenOcdBackend openocd, ProbeKind kind, StationImage image) {
        slot.enter(SlotState.FLASHING);
        return new Flashed(runOpenOcd(openocd, kind, image), "openocd", image);
    }

    /**
     * OpenOCD opens the probe itself: ours is closed for the run and opened again afterwards. A probe that cannot
     * be opened again ends the slot once this board's result is recorded; the result is never lost for it.
     */
    private FlashResult throughOpenOcd(OpenOcdBackend openocd, StationImage image) {
        ProbeKind kind = probe.info().kind();
        probe.close();
        probe = null;
        FlashResult result = runOpenOcd(openocd, kind, image);
        try {
            probe = opener.open();
        } catch (ProbeException e) {
            LOG.log(System.Logger.Level.WARNING, "slot " + slot.name() + ": the probe could not be opened again "
                    + "after OpenOCD: " + e.getMessage());
            gone = true;
        }
        return result;
    }

    private FlashResult runOpenOcd(OpenOcdBackend openocd, ProbeKind kind, StationImage image) {
        return new OpenOcdFlashSession(openocd.settings(), OpenOcdProbe.of(kind, device), settings.policy(),
                this::progress).run(image.flash());
    }

    private void progress(FlashProgress progress) {
        if (aborting) {
            throw new AttemptAbortedException();
        }
        slot.progress(progress);
    }

    /** Records, then shows; false when the result could not be recorded (the slot cannot go on honestly). */
    private boolean showRecorded(AttemptReport report) {
        try {
            sink.record(report);
        } catch (Exception e) {
            LOG.log(System.Logger.Level.ERROR, "slot " + slot.name() + ": the result of " + report.id()
                    + " could not be recorded", e);
            slot.showVerdict(new Verdict("FAIL", Optional.of(FailureReason.INTERNAL.name()),
                    "the result could not be recorded (" + e.getMessage() + "): take the board off and check the "
                            + "station's storage", report.result().uid(), wallClock.instant()));
            slot.enter(SlotState.FAILED);
            indicate(ProbeIndication.FAIL);
            return false;
        }
        FlashResult result = report.result();
        slot.showVerdict(new Verdict(report.outcome(), result.reason().map(Enum::name),
                OperatorAdvice.describe(result, report.aborted()), result.uid(), report.ended()));
        slot.enter(result.passed() ? SlotState.PASSED : SlotState.FAILED);
        indicate(result.passed() ? ProbeIndication.PASS : ProbeIndication.FAIL);
        return true;
    }

    /**
     * Waits until the board is taken off, or another board is in its place: the same board is never flashed twice
     * without leaving the fixture, unless the operator asks for it.
     */
    private void waitForRemoval(Lookout lookout, Optional<String> uid, Duration poll) throws ProbeException {
        while (!stopping && !gone) {
            if (slot.takeReflashRequest()) {
                return;
            }
            Optional<BoardPresence.Sighting> seen = lookout.look();
            if (seen.isEmpty() || (uid.isPresent() && seen.get().uid().isPresent() && !seen.get().uid().equals(uid))) {
                return;
            }
            pause(poll);
        }
    }

    private void pause(Duration poll) {
        synchronized (wake) {
            if (stopping || gone) {
                return;
            }
            try {
                wake.wait(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    private void wakeUp() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    // LEDs are a courtesy: a probe that cannot show them must not change the verdict (nor one OpenOCD holds)
    private void indicate(ProbeIndication indication) {
        if (probe == null) {
            return;
        }
        try {
            probe.indicate(indication);
        } catch (ProbeException ignored) {
            // the slot's state carries the verdict
        }
    }

    /** What is in the fixture now. */
    @FunctionalInterface
    private interface Lookout {
        Optional<BoardPresence.Sighting> look() throws ProbeException;
    }

    /** Flashes the board in the fixture once (retries included) and reports it. */
    @FunctionalInterface
    private interface Flasher {
        AttemptReport flash() throws ProbeException;
    }
}
