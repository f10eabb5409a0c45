package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.time.VirtualClock;
import java.util.PriorityQueue;

/**
 * The firmware's transfer-abort flag (cmsis-dap.md §7.4 item 6, §7.6). A DAP_TransferAbort packet sets it at its
 * virtual arrival; Transfer and TransferBlock clear it when they start and test it between wire operations, so an
 * abort only cuts short a transfer that is running when it arrives.
 */
final class TransferAbortSignal {

    private final VirtualClock probeClock;
    private final PriorityQueue<Long> arrivals = new PriorityQueue<>();

    TransferAbortSignal(VirtualClock probeClock) {
        this.probeClock = probeClock;
    }

    void arrived(long arrivalNanos) {
        arrivals.add(arrivalNanos);
    }

    /** A transfer starts now: aborts that arrived until now are forgotten. */
    void clear() {
        long now = probeClock.nanos();
        while (!arrivals.isEmpty() && arrivals.peek() <= now) {
            arrivals.remove();
        }
    }

    /** True once an abort has arrived since the last {@link #clear()}. */
    boolean isSet() {
        return !arrivals.isEmpty() && arrivals.peek() <= probeClock.nanos();
    }
}
