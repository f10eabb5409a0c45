package io.flashstation.probe.target;

import java.util.List;

/**
 * Which erase a flash run does: the sectors the image touches, or one mass erase when that is allowed and
 * expected to be quicker.
 *
 * @param massErase true for a mass erase (then {@code sectors} still lists the sectors the image needs)
 * @param sectors   the sectors that must end up erased
 * @param psize     the parallelism the erase runs at
 */
public record ErasePlan(boolean massErase, List<Sector> sectors, Psize psize) {

    public ErasePlan {
        sectors = List.copyOf(sectors);
    }

    /**
     * Plans the erase of {@code needed}: a mass erase only when {@code massEraseAllowed}, no sector of the chip is
     * write-protected (a mass erase would be refused), and its typical time is below the sum of the sector erases
     * (TIMING.md §5: E = min(Σ sectors, mass)).
     */
    public static ErasePlan choose(SectorLayout layout, List<Sector> needed, Psize psize, boolean massEraseAllowed,
            OptionBytesState options) {
        long sectorNanos = needed.stream().mapToLong(s -> FlashTiming.typicalSectorEraseNanos(s, psize)).sum();
        boolean anyProtected = layout.sectors().stream().anyMatch(s -> options.writeProtected(s.index()));
        boolean mass = massEraseAllowed && !anyProtected && !needed.isEmpty()
                && FlashTiming.typicalMassEraseNanos(psize) < sectorNanos;
        return new ErasePlan(mass, needed, psize);
    }

    /** The typical time this erase takes. */
    public long typicalNanos() {
        if (massErase) {
            return FlashTiming.typicalMassEraseNanos(psize);
        }
        return sectors.stream().mapToLong(s -> FlashTiming.typicalSectorEraseNanos(s, psize)).sum();
    }
}
