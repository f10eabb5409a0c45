package io.flashstation.probe.target;

import java.util.ArrayList;
import java.util.List;

/**
 * The main-flash sectors of a single-bank STM32F401/F411: four of 16 KiB, one of 64 KiB, then 128 KiB sectors until
 * F_SIZE is used up (stm32f411-target.md §3; OpenOCD derives the same from F_SIZE).
 */
public final class SectorLayout {

    /** Where main flash starts on every STM32F4. */
    public static final int FLASH_BASE = 0x0800_0000;

    private static final int KIB = 1024;
    private final List<Sector> sectors;
    private final int flashBytes;

    private SectorLayout(List<Sector> sectors, int flashBytes) {
        this.sectors = List.copyOf(sectors);
        this.flashBytes = flashBytes;
    }

    /** The layout of a part with {@code flashKib} KiB of main flash. */
    public static SectorLayout forFlashSize(int flashKib) {
        if (flashKib <= 0 || flashKib > 1024) {
            throw new IllegalArgumentException("not a single-bank STM32F4 flash size: " + flashKib + " KiB");
        }
        List<Sector> sectors = new ArrayList<>();
        int offset = 0;
        int total = flashKib * KIB;
        while (offset < total) {
            int index = sectors.size();
            int size = index < 4 ? 16 * KIB : index == 4 ? 64 * KIB : 128 * KIB;
            size = Math.min(size, total - offset);
            sectors.add(new Sector(index, FLASH_BASE + offset, size));
            offset += size;
        }
        return new SectorLayout(sectors, total);
    }

    public List<Sector> sectors() {
        return sectors;
    }

    public int flashBytes() {
        return flashBytes;
    }

    /** The address just past main flash. */
    public long flashEnd() {
        return Integer.toUnsignedLong(FLASH_BASE) + flashBytes;
    }

    /** True when [address, address + length) lies inside main flash. */
    public boolean contains(int address, int length) {
        long start = Integer.toUnsignedLong(address);
        return start >= FLASH_BASE && start + length <= flashEnd();
    }

    /** The sectors that [address, address + length) touches, in order. */
    public List<Sector> sectorsTouched(int address, int length) {
        long start = Integer.toUnsignedLong(address);
        return sectors.stream().filter(s -> s.overlaps(start, start + length)).toList();
    }
}
