package io.flashstation.probe.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AutoIncrementBlocksTest {

    private final AutoIncrementBlocks cortexM4 = new AutoIncrementBlocks(AutoIncrementBlocks.CORTEX_M4);

    @Test
    void aBurstStopsAtTheFourKibBoundaryOfACortexM4() {
        // adiv5-swd-jtag.md §6.3: Cortex-M3/M4 AHB-APs increment TAR[11:0] only
        assertThat(cortexM4.accessesBeforeBoundary(0x0800_0000, AccessSize.WORD, 5000)).isEqualTo(1024);
        assertThat(cortexM4.accessesBeforeBoundary(0x0800_0FF8, AccessSize.WORD, 100)).isEqualTo(2);
        assertThat(cortexM4.accessesBeforeBoundary(0x0800_0FFE, AccessSize.HALFWORD, 100)).isEqualTo(1);
        assertThat(cortexM4.accessesBeforeBoundary(0x0800_0100, AccessSize.WORD, 3)).isEqualTo(3);
    }

    @Test
    void anUnknownApIsTreatedWithTheAdiv5OneKibGuarantee() {
        // adiv5-swd-jtag.md §6.3: ADIv5 only guarantees the low 10 bits
        AutoIncrementBlocks unknown = new AutoIncrementBlocks(AutoIncrementBlocks.ADIV5_MINIMUM);
        assertThat(unknown.accessesBeforeBoundary(0x2000_0300, AccessSize.WORD, 1000)).isEqualTo(64);
        assertThat(unknown.accessesBeforeBoundary(0x2000_0000, AccessSize.BYTE, 5000)).isEqualTo(1024);
    }

    @Test
    void blocksSmallerThanTheGuaranteeOrNotPowersOfTwoAreRefused() {
        assertThatThrownBy(() -> new AutoIncrementBlocks(512)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AutoIncrementBlocks(3000)).isInstanceOf(IllegalArgumentException.class);
    }
}
