package io.flashstation.firmware.image;

import io.flashstation.firmware.image.ImageProblem.Kind;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks before any board is touched. Memory map: stm32f411-target.md §2 (flash 0x08000000–0x0807FFFF, SRAM
 * 0x20000000–0x2001FFFF). Boot: §12 (reset loads MSP from the word at 0x08000000 and PC from the word at 0x08000004,
 * bit 0 = Thumb state).
 */
class ImageCheckTest {

    private static FirmwareImage bin(byte[] bytes, long base) throws ImageFormatException {
        return RawBinaryReader.read(bytes, base);
    }

    private static byte[] withVectors(int sp, int reset) {
        byte[] image = TestImages.bootable(1024, 3);
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(0, sp).putInt(4, reset);
        return image;
    }

    @Test
    void theCircuitPythonLayoutImagePasses() throws Exception {
        FirmwareImage image = bin(TestImages.circuitPythonLayout(), 0x0800_0000L);

        assertThat(ImageCheck.problems(image, TargetMemory.STM32F411XE)).isEmpty();
    }

    @Test
    void stackPointerAtTheTopOfSramIsPlausibleButNotBeyondIt() throws Exception {
        assertThat(ImageCheck.problems(bin(withVectors(0x2002_0000, 0x0800_0101), 0x0800_0000L),
                TargetMemory.STM32F411XE)).isEmpty();

        assertThat(ImageCheck.problems(bin(withVectors(0x2002_0004, 0x0800_0101), 0x0800_0000L),
                TargetMemory.STM32F411XE))
                .containsExactly(new ImageProblem(Kind.STACK_POINTER_NOT_IN_SRAM, "initial stack pointer 0x20020004 "
                        + "is not a word-aligned address in STM32F411xE SRAM 0x20000000–0x2001FFFF"));
    }

    @Test
    void anErasedVectorTableIsCaughtTwice() throws Exception {
        // A blank first word and a blank reset vector: what a bin with a leading gap-fill of 0xFF would give.
        FirmwareImage image = bin(withVectors(0xFFFF_FFFF, 0xFFFF_FFFF), 0x0800_0000L);

        assertThat(ImageCheck.problems(image, TargetMemory.STM32F411XE)).extracting(ImageProblem::kind)
                .containsExactly(Kind.STACK_POINTER_NOT_IN_SRAM, Kind.RESET_VECTOR_NOT_IN_FLASH);
    }

    @Test
    void resetVectorWithoutThumbBitIsRefused() throws Exception {
        FirmwareImage image = bin(withVectors(0x2002_0000, 0x0800_0100), 0x0800_0000L);

        assertThat(ImageCheck.problems(image, TargetMemory.STM32F411XE)).containsExactly(new ImageProblem(
                Kind.RESET_VECTOR_NOT_THUMB,
                "reset vector 0x08000100 has the Thumb bit (bit 0) clear: a Cortex-M faults on the first instruction"));
    }

    @Test
    void resetVectorIntoFlashTheImageLeavesErasedIsRefused() throws Exception {
        FirmwareImage image = bin(withVectors(0x2002_0000, 0x0804_0001), 0x0800_0000L);

        assertThat(ImageCheck.problems(image, TargetMemory.STM32F411XE)).containsExactly(new ImageProblem(
                Kind.RESET_VECTOR_NOT_IN_IMAGE, "reset vector 0x08040001 points at flash the image does not write"));
    }

    @Test
    void anImageBuiltForAnApplicationSlotHasNoVectorTableAtTheStartOfFlash() throws Exception {
        // A tinyuf2-style build starting at 0x08010000 (circuitpython-blackpill.md §4 layout) is not bootable alone.
        FirmwareImage image = bin(TestImages.bootable(1024, 4), 0x0801_0000L);

        assertThat(ImageCheck.problems(image, TargetMemory.STM32F411XE)).containsExactly(new ImageProblem(
                Kind.NO_VECTOR_TABLE, "the image does not write the vector table at 0x08000000 (it starts at "
                + "0x08010000): the core would boot from whatever is there"));
    }

    @Test
    void anImageLargerThanFlashIsRefusedWithSizes() throws Exception {
        FirmwareImage image = bin(TestImages.bootable(512 * 1024 + 4, 5), 0x0800_0000L);

        assertThat(ImageCheck.problems(image, TargetMemory.STM32F411XE)).containsExactly(new ImageProblem(
                Kind.OUTSIDE_FLASH, "segment 0x08000000–0x08080003 (524292 bytes) lies outside STM32F411xE flash "
                + "0x08000000–0x0807FFFF (512 KiB)"));
    }

    @Test
    void theLayoutImageDoesNotFitA256KibPart() throws Exception {
        // An STM32F401CC BlackPill has 256 KiB of flash (circuitpython-blackpill.md §8).
        TargetMemory f401cc = new TargetMemory("STM32F401xC", new AddressRange(0x0800_0000L, 0x0804_0000L),
                new AddressRange(0x2000_0000L, 0x2001_0000L));
        FirmwareImage image = bin(TestImages.circuitPythonLayout(), 0x0800_0000L);

        assertThatThrownBy(() -> ImageCheck.requireFlashable(image, f401cc))
                .isInstanceOf(ImageRejectedException.class)
                .hasMessageContaining("image is not flashable on STM32F401xC")
                .hasMessageContaining("lies outside STM32F401xC flash 0x08000000–0x0803FFFF (256 KiB)")
                .hasMessageContaining("initial stack pointer 0x20020000 is not a word-aligned address in "
                        + "STM32F401xC SRAM");
    }
}
