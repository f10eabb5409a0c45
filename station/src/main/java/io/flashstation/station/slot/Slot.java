package io.flashstation.station.slot;

import io.flashstation.probe.flash.FlashProgress;
import io.flashstation.probe.flash.FlashProgressListener;
import java.util.Locale;
import java.util.Optional;

/**
 * One probe's place on the station: its identity and live state, written by its worker and read by everyone
 * else. Pausing is the operator's; everything else changes only on the worker's thread.
 */
public final class Slot {

    private SlotIdentity identity;
    private SlotState state = SlotState.IDLE;
    private Optional<String> phase = Optional.empty();
    private long bytesDone;
    private long bytesTotal;
    private Optional<Verdict> lastVerdict = Optional.empty();
    private long passed;
    private long failed;
    private boolean paused;
    private boolean reflashRequested;
    private FlashProgressListener progressWatcher = FlashProgressListener.NONE;

    public Slot(SlotIdentity identity) {
        this.identity = identity;
    }

    public synchronized SlotIdentity identity() {
        return identity;
    }

    public synchronized String name() {
        return identity.name();
    }

    /** Completes the identity once the probe is open and has said what it is. */
    public synchronized void identify(String probeKind, String probeSerial) {
        identity = new SlotIdentity(identity.name(), probeKind, probeSerial, identity.portPath());
    }

    /** Marks a slot the configuration switched off; it never gets a worker. */
    public synchronized void disable() {
        state = SlotState.DISABLED;
    }

    public synchronized SlotSnapshot snapshot() {
        return new SlotSnapshot(identity.name(), identity.probeKind(), identity.probeSerial(), identity.portPath(),
                state, phase, bytesDone, bytesTotal, lastVerdict, passed, failed);
    }

    public synchronized SlotState state() {
        return state;
    }

    synchronized void enter(SlotState next) {
        state = next;
        if (next != SlotState.FLASHING) {
            phase = Optional.empty();
            bytesDone = 0;
            bytesTotal = 0;
        }
    }

    synchronized void progress(FlashProgress progress) {
        phase = Optional.of(progress.phase().name().toLowerCase(Locale.ROOT));
        bytesDone = progress.bytesDone();
        bytesTotal = progress.bytesTotal();
        progressWatcher.onProgress(progress);
    }

    /** Hears every progress step of this slot's sessions, on the slot's thread (a command line's progress bar). */
    public synchronized void watchProgress(FlashProgressListener watcher) {
        progressWatcher = watcher;
    }

    synchronized void showVerdict(Verdict verdict) {
        lastVerdict = Optional.of(verdict);
        if (verdict.outcome().equals("PASS")) {
            passed++;
        } else {
            failed++;
        }
    }

    /** Stops taking boards until {@link #resume()}; a board in flight finishes first. */
    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
    }

    public synchronized boolean paused() {
        return paused;
    }

    /** Asks for the board now in the fixture to be flashed again without being taken off. */
    public synchronized void requestReflash() {
        reflashRequested = true;
    }

    synchronized boolean takeReflashRequest() {
        boolean requested = reflashRequested;
        reflashRequested = false;
        return requested;
    }
}
