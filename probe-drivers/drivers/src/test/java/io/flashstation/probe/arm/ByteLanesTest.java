package io.flashstation.probe.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteLanesTest {

    @Test
    void halfWordAtAddressBitOneRidesOnTheUpperLanes() {
        // adiv5-swd-jtag.md §6.3; stm32f411-target.md §4: F_SIZE at 0x1FFF7A22 comes back in DRW[31:16]
        assertThat(ByteLanes.fromDrw(AccessSize.HALFWORD, 0x1FFF_7A22, 0x0200_FFFF)).isEqualTo(0x0200);
        assertThat(ByteLanes.fromDrw(AccessSize.HALFWORD, 0x1FFF_7A20, 0x0200_1234)).isEqualTo(0x1234);
        assertThat(ByteLanes.toDrw(AccessSize.HALFWORD, 0x0800_0002, 0xBEEF)).isEqualTo(0xBEEF_0000);
    }

    @Test
    void eachByteUsesTheLaneOfItsAddress() {
        // adiv5-swd-jtag.md §6.3: byte at TAR uses DRW[8*(TAR&3)+7 : 8*(TAR&3)]
        int drw = 0x4433_2211;
        assertThat(ByteLanes.fromDrw(AccessSize.BYTE, 0x2000_0000, drw)).isEqualTo(0x11);
        assertThat(ByteLanes.fromDrw(AccessSize.BYTE, 0x2000_0001, drw)).isEqualTo(0x22);
        assertThat(ByteLanes.fromDrw(AccessSize.BYTE, 0x2000_0003, drw)).isEqualTo(0x44);
        assertThat(ByteLanes.toDrw(AccessSize.BYTE, 0x2000_0002, 0x1AB)).isEqualTo(0x00AB_0000);
    }

    @Test
    void wordsPassThroughUnchanged() {
        assertThat(ByteLanes.fromDrw(AccessSize.WORD, 0x0800_0000, 0xCAFE_F00D)).isEqualTo(0xCAFE_F00D);
        assertThat(ByteLanes.toDrw(AccessSize.WORD, 0x0800_0004, 0xCAFE_F00D)).isEqualTo(0xCAFE_F00D);
    }

    @Test
    void unalignedSubWordAccessesAreRefused() {
        // adiv5-swd-jtag.md §6.3: unaligned accesses are implementation-defined; we never issue them
        assertThatThrownBy(() -> ByteLanes.toDrw(AccessSize.HALFWORD, 0x2000_0001, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ByteLanes.fromDrw(AccessSize.WORD, 0x2000_0002, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
