package io.flashstation.sim.debug;

import io.flashstation.sim.time.VirtualClock;

/**
 * Prices SWCLK cycles at the frequency the probe drives and charges them to the board's clock (TIMING.md §2).
 * Time is accumulated over all cycles since the last frequency change, so per-cycle charging does not drift
 * from the exact figure through rounding.
 */
public final class WireClock {

    /** What a probe runs at until it chooses a frequency (1 MHz, a common probe default). */
    public static final long DEFAULT_HZ = 1_000_000;

    private final VirtualClock clock;
    private long hz = DEFAULT_HZ;
    private long cyclesAtThisRate;

    public WireClock(VirtualClock clock) {
        this.clock = clock;
    }

    public synchronized void setHz(long newHz) {
        if (newHz <= 0) {
            throw new IllegalArgumentException("SWD clock must be positive: " + newHz);
        }
        hz = newHz;
        cyclesAtThisRate = 0;
    }

    public synchronized long hz() {
        return hz;
    }

    /** Advances the board clock by {@code cycles} SWCLK periods. */
    public synchronized void charge(long cycles) {
        long before = VirtualClock.bitTime(cyclesAtThisRate, hz);
        cyclesAtThisRate += cycles;
        clock.advance(VirtualClock.bitTime(cyclesAtThisRate, hz) - before);
        // hz cycles are exactly one second, so whole seconds can be dropped without changing later rounding;
        // this keeps cycles * 1e9 far from overflowing on a board that runs for days
        cyclesAtThisRate %= hz;
    }

    /** The board clock these cycles are charged to. */
    public VirtualClock clock() {
        return clock;
    }
}
