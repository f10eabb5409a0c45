package io.flashstation.probe.target;

/**
 * Typical and maximum erase times of STM32F4 flash by sector size and parallelism (DS10314 table as recorded in
 * stm32f411-target.md §9 and TIMING.md §1). Used to choose between sector and mass erase, to pace status polls and
 * to bound waits.
 */
public final class FlashTiming {

    private static final long MS = 1_000_000L;
    // rows: 16 KiB, 64 KiB, 128 KiB sector, mass erase (512 KiB); columns: x8, x16, x32
    private static final long[][] TYPICAL_MS = {{400, 300, 250}, {1200, 700, 550}, {2000, 1300, 1000},
            {8000, 5500, 4000}};
    private static final long[][] MAX_MS = {{800, 600, 500}, {2400, 1400, 1100}, {4000, 2600, 2000},
            {16000, 11000, 8000}};
    /** The DS's maximum for one program operation, whatever its width. */
    public static final long PROGRAM_MAX_NANOS = 100_000L;
    /** The DS's typical time for one program operation, whatever its width. */
    public static final long PROGRAM_TYPICAL_NANOS = 16_000L;

    // TIMING.md §2: a write transfer is 46 bits, a WAIT answer 13
    private static final int WRITE_TRANSFER_BITS = 46;
    private static final int WAIT_ANSWER_BITS = 13;
    // headroom over the typical program time, so that a slightly slow cell does not exhaust the retries
    private static final double PROGRAM_TIME_MARGIN = 1.25;

    private FlashTiming() {
    }

    public static long typicalSectorEraseNanos(Sector sector, Psize psize) {
        return TYPICAL_MS[row(sector)][psize.ordinal()] * MS;
    }

    public static long maxSectorEraseNanos(Sector sector, Psize psize) {
        return MAX_MS[row(sector)][psize.ordinal()] * MS;
    }

    public static long typicalMassEraseNanos(Psize psize) {
        return TYPICAL_MS[3][psize.ordinal()] * MS;
    }

    public static long maxMassEraseNanos(Psize psize) {
        return MAX_MS[3][psize.ordinal()] * MS;
    }

    /**
     * The fastest SWD clock at which a probe that gives up after {@code waitRetries} WAIT answers in a row can
     * stream program writes into busy flash: one write plus those retries must last a program operation (with
     * {@link #PROGRAM_TIME_MARGIN} headroom).
     */
    public static long clockForLimitedWaitRetries(int waitRetries) {
        long bits = WRITE_TRANSFER_BITS + (long) WAIT_ANSWER_BITS * waitRetries;
        return (long) (bits * 1e9 / (PROGRAM_TYPICAL_NANOS * PROGRAM_TIME_MARGIN));
    }

    private static int row(Sector sector) {
        int kib = sector.size() / 1024;
        if (kib <= 16) {
            return 0;
        }
        return kib <= 64 ? 1 : 2;
    }
}
