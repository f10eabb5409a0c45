package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.arm.AccessSize;
import org.junit.jupiter.api.Test;

class PsizeTest {

    @Test
    void theSupplyChoosesTheWidestLegalParallelism() {
        // stm32f411-target.md §8: 2.7–3.6 V → x32; 2.1–2.7 V → x16; 1.8–2.1 V → x8
        assertThat(Psize.forSupply(3.3)).isEqualTo(Psize.X32);
        assertThat(Psize.forSupply(2.7)).isEqualTo(Psize.X32);
        assertThat(Psize.forSupply(2.69)).isEqualTo(Psize.X16);
        assertThat(Psize.forSupply(2.1)).isEqualTo(Psize.X16);
        assertThat(Psize.forSupply(1.8)).isEqualTo(Psize.X8);
    }

    @Test
    void crBitsAndAccessWidthFollowTheField() {
        // stm32f411-target.md §6.3: PSIZE at FLASH_CR[9:8]; §8: access width must equal PSIZE
        assertThat(Psize.X32.crBits()).isEqualTo(0x200);
        assertThat(Psize.X16.crBits()).isEqualTo(0x100);
        assertThat(Psize.X8.crBits()).isZero();
        assertThat(Psize.X32.access()).isEqualTo(AccessSize.WORD);
        assertThat(Psize.X16.access()).isEqualTo(AccessSize.HALFWORD);
    }
}
