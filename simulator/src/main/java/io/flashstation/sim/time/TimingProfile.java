package io.flashstation.sim.time;

/**
 * Flash operation durations of the STM32F411 (DS10314 "Flash memory programming", as fixed by TIMING.md §1):
 * {@code TYPICAL} uses the Typ column, {@code MAX} the Max column.
 */
public enum TimingProfile {
    // program, {16K, 64K, 128K, mass} erase per PSIZE x8 / x16 / x32 (x64 is treated as x32), all in microseconds
    TYPICAL(16,
            new long[] {400_000, 300_000, 250_000},
            new long[] {1_200_000, 700_000, 550_000},
            new long[] {2_000_000, 1_300_000, 1_000_000},
            new long[] {8_000_000, 5_500_000, 4_000_000}),
    MAX(100,
            new long[] {800_000, 600_000, 500_000},
            new long[] {2_400_000, 1_400_000, 1_100_000},
            new long[] {4_000_000, 2_600_000, 2_000_000},
            new long[] {16_000_000, 11_000_000, 8_000_000});

    private final long programMicros;
    private final long[] erase16k;
    private final long[] erase64k;
    private final long[] erase128k;
    private final long[] massErase;

    TimingProfile(long programMicros, long[] erase16k, long[] erase64k, long[] erase128k, long[] massErase) {
        this.programMicros = programMicros;
        this.erase16k = erase16k;
        this.erase64k = erase64k;
        this.erase128k = erase128k;
        this.massErase = massErase;
    }

    /** One program operation (byte, half-word or word alike). */
    public long programNanos() {
        return programMicros * 1_000;
    }

    /** Erasing one sector of {@code sectorBytes} with the given FLASH_CR.PSIZE field (0 = x8 … 3 = x64). */
    public long sectorEraseNanos(int sectorBytes, int psize) {
        long[] row = switch (sectorBytes) {
            case 16 * 1024 -> erase16k;
            case 64 * 1024 -> erase64k;
            case 128 * 1024 -> erase128k;
            default -> throw new IllegalArgumentException("no STM32F4 sector of " + sectorBytes + " bytes");
        };
        return row[column(psize)] * 1_000;
    }

    /** Mass erase of the whole main flash with the given PSIZE field. */
    public long massEraseNanos(int psize) {
        return massErase[column(psize)] * 1_000;
    }

    private static int column(int psize) {
        return Math.min(psize & 3, 2);
    }
}
