package io.flashstation.probe.stlink;

import io.flashstation.probe.ProbeException;
import io.flashstation.usb.HostClock;
import java.util.HashSet;
import java.util.Set;

/**
 * One opened ST-Link as the probe, its batches and its memory port share it: the link, the firmware version,
 * whether SWD debug mode is entered, the APs initialised, and the status handling common to all commands.
 */
final class StlinkSession {

    /** DP ABORT: STKCMPCLR | STKERRCLR | WDERRCLR | ORUNERRCLR (stlink.md §12.1). */
    private static final int ABORT_CLEAR_STICKY = 0x1E;
    private static final int DP_ABORT = 0x0;

    private final StlinkLink link;
    private final StlinkVersion version;
    private final StlinkCounters counters;
    private final Set<Integer> initialisedAps = new HashSet<>();
    private boolean debugMode;

    StlinkSession(StlinkLink link, StlinkVersion version, StlinkCounters counters) {
        this.link = link;
        this.version = version;
        this.counters = counters;
    }

    StlinkLink link() {
        return link;
    }

    StlinkVersion version() {
        return version;
    }

    StlinkCounters counters() {
        return counters;
    }

    HostClock clock() {
        return link.clock();
    }

    boolean inDebugMode() {
        return debugMode;
    }

    /**
     * Records entering or leaving SWD debug mode. Leaving closes every AP opened with INIT_AP, so each debug
     * session opens them again (OpenOCD 0.12.0 stlink_usb.c : stlink_dap_reinit_interface).
     */
    void setDebugMode(boolean entered) {
        debugMode = entered;
        initialisedAps.clear();
    }

    /** Target access needs SWD debug mode, which {@code connect()} enters. */
    void requireConnected() throws ProbeException {
        if (!debugMode) {
            throw new ProbeException("the ST-Link is not connected to a target: call connect() first");
        }
    }

    /** Sends a command whose reply starts with a status byte and throws unless it is OK. */
    byte[] exchangeChecked(StlinkCommand command, int index) throws ProbeException {
        byte[] reply = link.exchange(command);
        requireOk(reply, command, index);
        return reply;
    }

    /** Like {@link #exchangeChecked}, re-sending on WAIT with back-off, as OpenOCD does for these commands. */
    byte[] exchangeRetryingWait(StlinkCommand command) throws ProbeException {
        WaitBudget waits = new WaitBudget(clock());
        while (true) {
            byte[] reply = link.exchange(command);
            boolean wait = reply.length > 0 && StlinkStatus.isWait(StlinkCommand.status(reply));
            if (!wait || !waits.backOff()) {
                requireOk(reply, command, -1);
                return reply;
            }
        }
    }

    /** INIT_AP once per AP and debug-mode session, on firmware that needs it (stlink.md §2.2, V2J28+/V3). */
    void ensureApInitialised(int ap, int index) throws ProbeException {
        if (version.needsApInit() && initialisedAps.add(ap)) {
            try {
                exchangeChecked(StlinkCommand.initAp(ap), index);
            } catch (ProbeException e) {
                initialisedAps.remove(ap);
                throw e;
            }
        }
    }

    /**
     * Clears the DP's sticky flags after a failed memory command, so the next one starts clean; the memory port
     * hides the DP from its caller, so nobody else would. Its status is not checked: the error being reported
     * matters more, and a probe that left the bus still surfaces as ProbeLostException.
     */
    void clearStickyErrors() throws ProbeException {
        link.exchange(StlinkCommand.writeDapRegister(StlinkCommand.DP_PORT, DP_ABORT, ABORT_CLEAR_STICKY));
        counters.addSwdTransfers(1);
    }

    private static void requireOk(byte[] reply, StlinkCommand command, int index) throws ProbeException {
        if (reply.length == 0) {
            throw new ProbeException(command.name() + " got an empty reply");
        }
        int status = StlinkCommand.status(reply);
        if (!StlinkStatus.isOk(status)) {
            throw StlinkStatus.failure(status, index, command.name());
        }
    }
}
