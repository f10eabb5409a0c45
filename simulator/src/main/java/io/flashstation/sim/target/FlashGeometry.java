package io.flashstation.sim.target;

/**
 * Sector layout of a part's main flash: four 16 KiB sectors, one of 64 KiB, then 128 KiB sectors up to the flash
 * size (stm32f411-target.md §3; a 256 KiB F401CC therefore ends after sector 5).
 */
final class FlashGeometry {

    private static final int SMALL = 16 * 1024;
    private static final int MEDIUM = 64 * 1024;
    private static final int LARGE = 128 * 1024;

    private final int[] sectorBases;
    private final int[] sectorSizes;
    private final int totalBytes;

    FlashGeometry(int totalBytes) {
        int count = 0;
        for (int base = 0; base < totalBytes; count++) {
            base += sizeOfSector(count);
        }
        sectorBases = new int[count];
        sectorSizes = new int[count];
        int base = 0;
        for (int i = 0; i < count; i++) {
            sectorBases[i] = base;
            sectorSizes[i] = sizeOfSector(i);
            base += sectorSizes[i];
        }
        if (base != totalBytes) {
            throw new IllegalArgumentException(totalBytes + " bytes is not a whole number of STM32F4 sectors");
        }
        this.totalBytes = totalBytes;
    }

    private static int sizeOfSector(int index) {
        return index < 4 ? SMALL : index == 4 ? MEDIUM : LARGE;
    }

    int sectorCount() {
        return sectorBases.length;
    }

    int totalBytes() {
        return totalBytes;
    }

    int base(int sector) {
        return sectorBases[sector];
    }

    int size(int sector) {
        return sectorSizes[sector];
    }

    /** The sector holding flash offset {@code offset} (0 = first byte of main flash). */
    int sectorOf(int offset) {
        for (int i = sectorBases.length - 1; i >= 0; i--) {
            if (offset >= sectorBases[i]) {
                return i;
            }
        }
        throw new IllegalArgumentException("negative flash offset " + offset);
    }
}
