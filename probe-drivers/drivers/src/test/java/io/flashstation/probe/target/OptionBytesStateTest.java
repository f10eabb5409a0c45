package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OptionBytesStateTest {

    @Test
    void factoryOptcrIsLevelZeroWithNothingProtected() {
        // stm32f411-target.md §6.4: OPTCR resets to 0x0FFFAAED
        OptionBytesState factory = new OptionBytesState(0x0FFF_AAED);
        assertThat(factory.rdpLevel()).isZero();
        assertThat(factory.rdpByte()).isEqualTo(0xAA);
        for (int sector = 0; sector < 8; sector++) {
            assertThat(factory.writeProtected(sector)).isFalse();
        }
    }

    @Test
    void rdpLevelsFollowTheByte() {
        // stm32f411-target.md §7.2: 0xAA level 0, 0xCC level 2, anything else level 1
        assertThat(new OptionBytesState(0x0FFF_BBED).rdpLevel()).isEqualTo(1);
        assertThat(new OptionBytesState(0x0FFF_FFED).rdpLevel()).isEqualTo(1);
        assertThat(new OptionBytesState(0x0FFF_CCED).rdpLevel()).isEqualTo(2);
    }

    @Test
    void aClearedNwrpBitProtectsItsSectorUnlessSprmodInvertsIt() {
        // stm32f411-target.md §7.3: SPRMOD=0 → nWRPi=0 protects; SPRMOD=1 → nWRPi=1 marks PCROP (also protected)
        OptionBytesState sector3 = new OptionBytesState(0x0FF7_AAED);
        assertThat(sector3.writeProtected(3)).isTrue();
        assertThat(sector3.writeProtected(2)).isFalse();
        OptionBytesState pcrop5 = new OptionBytesState(0x8020_AAED);
        assertThat(pcrop5.writeProtected(5)).isTrue();
        assertThat(pcrop5.writeProtected(0)).isFalse();
    }
}
