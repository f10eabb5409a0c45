package io.flashstation.probe.arm;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeException;
import io.flashstation.usb.HostClock;

/**
 * The target's ADIv5 debug port seen through a probe: debug and system power-up, and sticky-error recovery through
 * ABORT (on SWD the sticky bits of CTRL/STAT are read-only; adiv5-swd-jtag.md §4.3, §4.4, §5).
 */
public final class DebugPort {

    static final int DP_ABORT = 0x0;
    static final int DP_CTRL_STAT = 0x4;

    static final int ABORT_DAPABORT = 1;
    static final int ABORT_STKCMPCLR = 1 << 1;
    static final int ABORT_STKERRCLR = 1 << 2;
    static final int ABORT_WDERRCLR = 1 << 3;
    static final int ABORT_ORUNERRCLR = 1 << 4;
    static final int ABORT_ALL_STICKY = ABORT_STKCMPCLR | ABORT_STKERRCLR | ABORT_WDERRCLR | ABORT_ORUNERRCLR;

    static final int STICKYORUN = 1 << 1;
    static final int STICKYCMP = 1 << 4;
    static final int STICKYERR = 1 << 5;
    static final int WDATAERR = 1 << 7;
    static final int STICKY_MASK = STICKYORUN | STICKYCMP | STICKYERR | WDATAERR;
    static final int CDBGPWRUPREQ = 1 << 28;
    static final int CDBGPWRUPACK = 1 << 29;
    static final int CSYSPWRUPREQ = 1 << 30;
    static final int CSYSPWRUPACK = 1 << 31;
    static final int POWER_ACKS = CDBGPWRUPACK | CSYSPWRUPACK;

    private static final long POWER_UP_TIMEOUT_NANOS = 100_000_000L;
    private static final long POLL_INTERVAL_NANOS = 1_000_000L;

    private final DebugProbe probe;

    public DebugPort(DebugProbe probe) {
        this.probe = probe;
    }

    public DebugProbe probe() {
        return probe;
    }

    public HostClock clock() {
        return probe.clock();
    }

    /**
     * Clears any sticky error left from an earlier session, requests debug and system power and waits for both
     * acknowledges (§4.4, §8 step 2). The first poll rides in the same batch as the request.
     */
    public void powerUp() throws ProbeException {
        DapBatch batch = probe.newBatch();
        batch.writeDp(DP_ABORT, ABORT_ALL_STICKY);
        batch.writeDp(DP_CTRL_STAT, CDBGPWRUPREQ | CSYSPWRUPREQ);
        DapValue status = batch.readDp(DP_CTRL_STAT);
        batch.run();
        long deadline = clock().nanos() + POWER_UP_TIMEOUT_NANOS;
        int ctrlStat = status.get();
        while ((ctrlStat & POWER_ACKS) != POWER_ACKS) {
            if (clock().nanos() >= deadline) {
                throw new DebugTimeoutException(String.format(
                        "the debug port did not acknowledge power-up (CTRL/STAT 0x%08X)", ctrlStat));
            }
            HostWaits.sleep(clock(), POLL_INTERVAL_NANOS);
            ctrlStat = readCtrlStat();
        }
    }

    public int readCtrlStat() throws ProbeException {
        DapBatch batch = probe.newBatch();
        DapValue value = batch.readDp(DP_CTRL_STAT);
        batch.run();
        return value.get();
    }

    /** Reads CTRL/STAT and clears whatever sticky flags it shows; returns the flags that were set (0 if none). */
    public int clearStickyErrors() throws ProbeException {
        int sticky = readCtrlStat() & STICKY_MASK;
        if (sticky != 0) {
            writeAbort(ABORT_ALL_STICKY);
        }
        return sticky;
    }

    /** Abandons an AP transaction that keeps answering WAIT and clears the sticky flags (§5 "Stuck WAIT"). */
    public void abortTransaction() throws ProbeException {
        writeAbort(ABORT_DAPABORT | ABORT_ALL_STICKY);
    }

    private void writeAbort(int bits) throws ProbeException {
        DapBatch batch = probe.newBatch();
        batch.writeDp(DP_ABORT, bits);
        batch.run();
    }
}
