package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErasePlanTest {

    private static final OptionBytesState OPEN = new OptionBytesState(0x0FFF_AAED);
    private final SectorLayout f411 = SectorLayout.forFlashSize(512);

    @Test
    void massEraseWhenEverySectorIsNeededBecauseItIsQuicker() {
        // TIMING.md §5: E = min(Σ sector erases, mass erase); §1: x32 typ 4×250+550+3×1000 = 4550 ms > 4000 ms
        ErasePlan plan = ErasePlan.choose(f411, f411.sectors(), Psize.X32, true, OPEN);
        assertThat(plan.massErase()).isTrue();
        assertThat(plan.typicalNanos()).isEqualTo(4_000_000_000L);
    }

    @Test
    void sectorEraseWhenItIsQuicker() {
        // TIMING.md §1: sectors 0–6 at x32 take 3550 ms, less than a 4 s mass erase
        ErasePlan plan = ErasePlan.choose(f411, f411.sectors().subList(0, 7), Psize.X32, true, OPEN);
        assertThat(plan.massErase()).isFalse();
        assertThat(plan.typicalNanos()).isEqualTo(3_550_000_000L);
    }

    @Test
    void noMassEraseWhenThePolicyForbidsIt() {
        assertThat(ErasePlan.choose(f411, f411.sectors(), Psize.X32, false, OPEN).massErase()).isFalse();
    }

    @Test
    void noMassEraseWhenAnySectorIsWriteProtected() {
        // stm32f411-target.md §7.3: a mass erase with a protected sector is refused
        OptionBytesState sector7Protected = new OptionBytesState(0x0F7F_AAED);
        assertThat(ErasePlan.choose(f411, f411.sectors(), Psize.X32, true, sector7Protected).massErase()).isFalse();
    }

    @Test
    void theParallelismSetsTheTimes() {
        // TIMING.md §1: a 16 KiB sector at x8 takes 400 ms
        ErasePlan plan = ErasePlan.choose(f411, f411.sectors().subList(0, 1), Psize.X8, true, OPEN);
        assertThat(plan.typicalNanos()).isEqualTo(400_000_000L);
    }
}
