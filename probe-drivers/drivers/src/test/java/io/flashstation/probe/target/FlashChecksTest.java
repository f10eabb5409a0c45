package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.target.FlashOperationException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlashChecksTest {

    private static final ChipIdentity F401CC = new ChipIdentity(Stm32F4Family.STM32F401_B_C, 0x1000, 256,
            new ChipUid(1, 2, 3));
    private final SectorLayout layout = SectorLayout.forFlashSize(256);

    @Test
    void anImageLargerThanTheFlashFailsNamingChipAndSizes() {
        // stm32f411-target.md §2/§3: main flash ends at 0x08000000 + F_SIZE KiB
        List<ImageSegment> image = List.of(new ImageSegment(0x0800_0000, new byte[448 * 1024]));
        assertThatThrownBy(() -> FlashChecks.requireFits(F401CC, layout, image))
                .isInstanceOfSatisfying(FlashOperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.IMAGE_TOO_LARGE);
                    assertThat(e.getMessage()).contains("STM32F401xC", "458752", "262144");
                });
    }

    @Test
    void anImageThatFillsTheFlashExactlyFits() {
        assertThatCode(() -> FlashChecks.requireFits(F401CC, layout,
                List.of(new ImageSegment(0x0800_0000, new byte[256 * 1024])))).doesNotThrowAnyException();
    }

    @Test
    void readProtectionLevelOneFailsUnlessRegressionIsAllowed() {
        // stm32f411-target.md §7.2: level 1 blocks flash access by a debugger; regression mass-erases
        OptionBytesState level1 = new OptionBytesState(0x0FFF_BBED);
        assertThatThrownBy(() -> FlashChecks.requireWritable(F401CC, level1, layout.sectors(), false))
                .isInstanceOfSatisfying(FlashOperationException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.READ_PROTECTED));
        assertThatCode(() -> FlashChecks.requireWritable(F401CC, level1, layout.sectors(), true))
                .doesNotThrowAnyException();
    }

    @Test
    void readProtectionLevelTwoAlwaysFails() {
        // stm32f411-target.md §7.2: level 2 is permanent
        OptionBytesState level2 = new OptionBytesState(0x0FFF_CCED);
        assertThatThrownBy(() -> FlashChecks.requireWritable(F401CC, level2, layout.sectors(), true))
                .isInstanceOfSatisfying(FlashOperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.READ_PROTECTED);
                    assertThat(e.getMessage()).contains("level 2");
                });
    }

    @Test
    void aWriteProtectedNeededSectorIsNamed() {
        // stm32f411-target.md §7.3: nWRP2 = 0 protects sector 2
        OptionBytesState sector2 = new OptionBytesState(0x0FFB_AAED);
        assertThatThrownBy(() -> FlashChecks.requireWritable(F401CC, sector2, layout.sectors().subList(0, 4), false))
                .isInstanceOfSatisfying(FlashOperationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.WRITE_PROTECTED);
                    assertThat(e.getMessage()).contains("sector 2");
                    assertThat(e.address()).hasValue(0x0800_8000);
                });
        assertThatCode(() -> FlashChecks.requireWritable(F401CC, sector2, layout.sectors().subList(0, 2), false))
                .doesNotThrowAnyException();
    }
}
