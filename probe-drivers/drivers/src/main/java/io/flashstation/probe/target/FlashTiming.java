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

    private static int row(Sector sector) {
        int kib = sector.size() / 1024;
        if (kib <= 16) {
            return 0;
        }
        return kib <= 64 ? 1 : 2;
    }
}
