package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlashTimingTest {

    private final SectorLayout f411 = SectorLayout.forFlashSize(512);

    @Test
    void eraseTimesFollowSectorSizeAndParallelism() {
        // TIMING.md §1 / stm32f411-target.md §9
        assertThat(FlashTiming.typicalSectorEraseNanos(f411.sectors().get(0), Psize.X32)).isEqualTo(250_000_000L);
        assertThat(FlashTiming.typicalSectorEraseNanos(f411.sectors().get(4), Psize.X16)).isEqualTo(700_000_000L);
        assertThat(FlashTiming.maxSectorEraseNanos(f411.sectors().get(7), Psize.X8)).isEqualTo(4_000_000_000L);
        assertThat(FlashTiming.typicalMassEraseNanos(Psize.X32)).isEqualTo(4_000_000_000L);
        assertThat(FlashTiming.maxMassEraseNanos(Psize.X8)).isEqualTo(16_000_000_000L);
    }

    @Test
    void aProbeThatRetriesFourWaitsMustStreamAtUnderFiveMegahertz() {
        // TIMING.md §2: write 46 bits, WAIT 13 bits; §1: 16 µs per program operation (+25 % headroom);
        // stlink.md §5.3: ST-Link firmware gives up after more than four WAITs in a row
        assertThat(FlashTiming.clockForLimitedWaitRetries(4)).isEqualTo(4_900_000L);
        assertThat(FlashTiming.clockForLimitedWaitRetries(0)).isEqualTo(2_300_000L);
    }
}
