package io.flashstation.probe.stlink;

import io.flashstation.probe.ProbeException;
import io.flashstation.usb.HostClock;

/**
 * OpenOCD's answer to an ST-Link WAIT (stlink.md §5.1, §7): re-send after 1, 2, 4 … 128 ms, at most 8 times per
 * operation (one memory call shares one budget across its commands). The wait runs on the link's clock, so in
 * the lab it costs virtual time only.
 */
final class WaitBudget {

    static final int RETRIES = 8;

    private final HostClock clock;
    private int used;

    WaitBudget(HostClock clock) {
        this.clock = clock;
    }

    /** Waits before the next try and returns true, or returns false when the budget is spent. */
    boolean backOff() throws ProbeException {
        if (used == RETRIES) {
            return false;
        }
        try {
            clock.sleep((1L << used++) * 1_000_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException("interrupted while waiting to retry the ST-Link", e);
        }
        return true;
    }
}
