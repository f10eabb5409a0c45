package io.flashstation.probe.arm;

import io.flashstation.probe.ProbeException;
import io.flashstation.usb.HostClock;

/** Waiting on a probe's host clock, so that polls cost virtual time in the lab and real time on hardware. */
public final class HostWaits {

    private HostWaits() {
    }

    /** Sleeps on {@code clock}; an interrupt becomes a {@link ProbeException} with the interrupt flag kept. */
    public static void sleep(HostClock clock, long nanos) throws ProbeException {
        try {
            clock.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException("interrupted while waiting for the target", e);
        }
    }
}
