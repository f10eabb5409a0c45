package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChipIdentityTest {

    private static final ChipUid UID = new ChipUid(0x0038_0027, 0x3137_510E, 0x3438_3932);

    @Test
    void uidPrintsTheThreeWordsInOrderAsUpperCaseHex() {
        // stm32f411-target.md §4: three little-endian words at 0x1FFF7A10; printed word0 word1 word2 as %08X
        assertThat(UID.hex()).isEqualTo("003800273137510E34383932");
        assertThat(new ChipUid(0xABCDEF01, 0, 0xA).hex()).isEqualTo("ABCDEF01000000000000000A");
    }

    @Test
    void partNamesCarryTheFlashSizeLetter() {
        // stm32f411-target.md §1/§5: DEV_ID 0x431 F411; F_SIZE 512 → "E"
        assertThat(new ChipIdentity(Stm32F4Family.STM32F411, 0x1000, 512, UID).partName()).isEqualTo("STM32F411xE");
        assertThat(new ChipIdentity(Stm32F4Family.STM32F401_B_C, 0x1000, 256, UID).partName())
                .isEqualTo("STM32F401xC");
        assertThat(new ChipIdentity(Stm32F4Family.STM32F401_B_C, 0x1000, 128, UID).partName())
                .isEqualTo("STM32F401xB");
        assertThat(new ChipIdentity(Stm32F4Family.STM32F401_D_E, 0x1000, 384, UID).partName())
                .isEqualTo("STM32F401xD");
    }

    @Test
    void devIdsMapToTheirFamilies() {
        assertThat(Stm32F4Family.forDevId(0x431)).contains(Stm32F4Family.STM32F411);
        assertThat(Stm32F4Family.forDevId(0x423)).contains(Stm32F4Family.STM32F401_B_C);
        assertThat(Stm32F4Family.forDevId(0x433)).contains(Stm32F4Family.STM32F401_D_E);
        assertThat(Stm32F4Family.forDevId(0x413)).isEmpty();
    }
}
