package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SectorLayoutTest {

    private static final int KIB = 1024;

    @Test
    void f411ceHasEightSectorsOfSixteenSixtyFourAndOneTwentyEightKib() {
        // stm32f411-target.md §3 (and circuitpython-blackpill.md §4: 04*016Kg,01*064Kg,03*128Kg)
        SectorLayout layout = SectorLayout.forFlashSize(512);
        assertThat(layout.sectors()).extracting(Sector::size).containsExactly(16 * KIB, 16 * KIB, 16 * KIB, 16 * KIB,
                64 * KIB, 128 * KIB, 128 * KIB, 128 * KIB);
        assertThat(layout.sectors().get(4).address()).isEqualTo(0x0801_0000);
        assertThat(layout.sectors().get(7).address()).isEqualTo(0x0806_0000);
        assertThat(layout.flashEnd()).isEqualTo(0x0808_0000L);
    }

    @Test
    void smallerPartsStopWhenFSizeIsUsedUp() {
        // stm32f411-target.md §3: sectors follow the same pattern until the F_SIZE budget ends
        assertThat(SectorLayout.forFlashSize(256).sectors()).hasSize(6);
        assertThat(SectorLayout.forFlashSize(128).sectors()).hasSize(5);
        assertThat(SectorLayout.forFlashSize(384).sectors()).hasSize(7);
    }

    @Test
    void theSectorsAnImageTouchesIncludeBothPartialEnds() {
        // stm32f411-target.md §3: an image from 0x08003FFE of 4 bytes straddles sectors 0 and 1
        SectorLayout layout = SectorLayout.forFlashSize(512);
        assertThat(layout.sectorsTouched(0x0800_3FFE, 4)).extracting(Sector::index).containsExactly(0, 1);
        assertThat(layout.sectorsTouched(0x0800_0000, 434_176)).extracting(Sector::index)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(layout.sectorsTouched(0x0801_0000, 64 * KIB)).extracting(Sector::index).containsExactly(4);
        assertThat(layout.sectorsTouched(0x0801_0000, 0)).isEqualTo(List.of());
    }

    @Test
    void containsOnlyRangesInsideMainFlash() {
        SectorLayout f401cc = SectorLayout.forFlashSize(256);
        assertThat(f401cc.contains(0x0800_0000, 256 * KIB)).isTrue();
        assertThat(f401cc.contains(0x0800_0000, 256 * KIB + 1)).isFalse();
        assertThat(f401cc.contains(0x07FF_FFFC, 8)).isFalse();
    }
}
