package io.flashstation.firmware.image;

import io.flashstation.firmware.digest.Sha256;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * UF2 per Microsoft's specification (github.com/microsoft/uf2 README): 512-byte little-endian blocks, magics
 * 0x0A324655 / 0x9E5D5157 / 0x0AB16F30, flags 0x1 not-main-flash, 0x1000 file container, 0x2000 family id present,
 * payload ≤ 476 bytes; STM32F4 family id 0x57755A57 (circuitpython-blackpill.md §2, [MK-PORT]).
 */
class Uf2ReaderTest {

    @Test
    void aBlockWrittenByHandFromTheSpecificationReads() throws Exception {
        byte[] block = new byte[512];
        byte[] header = HexFormat.of().parseHex(
                "5546320A" // magicStart0, "UF2\n"
                        + "57515D9E" // magicStart1
                        + "00200000" // flags: familyID present
                        + "00000008" // targetAddr 0x08000000
                        + "04000000" // payloadSize 4
                        + "00000000" // blockNo 0
                        + "01000000" // numBlocks 1
                        + "575A7557" // familyID STM32F4
                        + "DEADBEEF"); // data
        System.arraycopy(header, 0, block, 0, header.length);
        System.arraycopy(HexFormat.of().parseHex("306FB10A"), 0, block, 508, 4); // magicEnd

        FirmwareImage image = Uf2Reader.read(block);

        assertThat(image.segments()).containsExactly(
                new Segment(0x0800_0000L, HexFormat.of().parseHex("DEADBEEF")));
    }

    @Test
    void roundTripsTheCircuitPythonLayoutImage() throws Exception {
        byte[] bin = TestImages.circuitPythonLayout();
        byte[] uf2 = new Uf2Writer().data(0x0800_0000L, bin).finish();

        FirmwareImage image = Uf2Reader.read(uf2);

        assertThat(uf2).hasSize(bin.length / 256 * 512);
        assertThat(image.segments()).containsExactly(new Segment(0x0800_0000L, bin));
        assertThat(image.sourceSha256()).isEqualTo(Sha256.of(uf2));
        assertThat(image.format()).isEqualTo(ImageFormat.UF2);
    }

    @Test
    void blocksOutOfOrderAndWithHolesGiveAddressOrderedSegments() throws Exception {
        Uf2Writer writer = new Uf2Writer().data(0x0801_0000L, TestImages.bootable(300, 1))
                .data(0x0800_0000L, TestImages.bootable(100, 2));

        FirmwareImage image = Uf2Reader.read(writer.finish());

        assertThat(image.segments()).extracting(Segment::address, Segment::length)
                .containsExactly(tuple(0x0800_0000L, 100),
                        tuple(0x0801_0000L, 300));
    }

    @Test
    void anotherFamilyIsRefusedByName() {
        Uf2Writer writer = new Uf2Writer().data(0x1000_0000L, new byte[256]);
        writer.blocks().get(0).familyId = 0xE48B_FF56;

        assertThatThrownBy(() -> Uf2Reader.read(writer.finish()))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("block 0 (file offset 0): family id 0xE48BFF56 (RP2040) is not STM32F4 (0x57755A57)");
    }

    @Test
    void aBlockWithoutFamilyIdIsRefused() {
        Uf2Writer writer = new Uf2Writer().data(0x0800_0000L, new byte[512]);
        writer.blocks().get(1).flags = 0;

        assertThatThrownBy(() -> Uf2Reader.read(writer.finish()))
                .hasMessage("block 1 (file offset 512): no family id; refusing an image not marked for STM32F4");
    }

    @Test
    void notMainFlashBlocksCountInTheNumberingButAreNotWritten() throws Exception {
        Uf2Writer writer = new Uf2Writer().data(0x0800_0000L, new byte[768]);
        writer.blocks().get(1).flags = Uf2Writer.FLAG_NOT_MAIN_FLASH;
        writer.blocks().get(1).familyId = 0;

        FirmwareImage image = Uf2Reader.read(writer.finish());

        assertThat(image.segments()).extracting(Segment::address)
                .containsExactly(0x0800_0000L, 0x0800_0200L);
    }

    @Test
    void aTruncatedFileIsMissingBlocks() {
        byte[] uf2 = new Uf2Writer().data(0x0800_0000L, new byte[256 * 4]).finish();

        assertThatThrownBy(() -> Uf2Reader.read(Arrays.copyOf(uf2, 512 * 3)))
                .hasMessage("block number 3 of 4 is missing: the UF2 file is truncated or incomplete");
        assertThatThrownBy(() -> Uf2Reader.read(Arrays.copyOf(uf2, 512 * 3 + 100)))
                .hasMessage("a UF2 file is a whole number of 512-byte blocks; this one has 1636 bytes");
    }

    @Test
    void aRepeatedBlockNumberIsRefused() {
        Uf2Writer writer = new Uf2Writer().data(0x0800_0000L, new byte[512]);
        writer.blocks().get(1).blockNo = 0;

        assertThatThrownBy(() -> Uf2Reader.read(writer.finish()))
                .hasMessage("block 1 (file offset 512): block number 0 appears twice");
    }

    @Test
    void inconsistentBlockCountsAreRefused() {
        Uf2Writer writer = new Uf2Writer().data(0x0800_0000L, new byte[512]);
        writer.blocks().get(1).numBlocks = 3;

        assertThatThrownBy(() -> Uf2Reader.read(writer.finish()))
                .hasMessage("block 1 (file offset 512): says the file has 3 blocks, earlier blocks said 2");
    }

    @Test
    void badMagicIsRefused() {
        Uf2Writer writer = new Uf2Writer().data(0x0800_0000L, new byte[256]);
        writer.blocks().get(0).magicEnd = 0;

        assertThatThrownBy(() -> Uf2Reader.read(writer.finish()))
                .hasMessage("block 0 (file offset 0): bad UF2 magic numbers");
    }

    @Test
    void payloadLargerThanTheBlockCanHoldIsRefused() {
        Uf2Writer writer = new Uf2Writer().data(0x0800_0000L, new byte[256]);
        writer.blocks().get(0).payloadSize = 477;

        assertThatThrownBy(() -> Uf2Reader.read(writer.finish()))
                .hasMessage("block 0 (file offset 0): payload size 477 is outside 1..476");
    }

    @Test
    void fileContainerBlocksAreNotFlashImages() {
        Uf2Writer writer = new Uf2Writer().data(0x0800_0000L, new byte[256]);
        writer.blocks().get(0).flags |= Uf2Writer.FLAG_FILE_CONTAINER;

        assertThatThrownBy(() -> Uf2Reader.read(writer.finish()))
                .hasMessage("block 0 (file offset 0): a file-container block, not a flash image");
    }

    @Test
    void overlappingBlocksAreRefused() {
        Uf2Writer writer = new Uf2Writer().data(0x0800_0000L, new byte[512]);
        writer.blocks().get(1).targetAddress = 0x0800_0080L;

        assertThatThrownBy(() -> Uf2Reader.read(writer.finish()))
                .hasMessage("block 1 (file offset 512): data at 0x08000080–0x0800017F overlaps data at "
                        + "0x08000000–0x080000FF from block 0 (file offset 0)");
    }
}
