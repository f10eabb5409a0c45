package io.flashstation.firmware.image;

import io.flashstation.firmware.digest.Sha256;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The image model the flash code plans from: segments, words to program, raw binaries. */
class FirmwareImageTest {

    private static final Sha256 ANY = Sha256.of(new byte[0]);

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    @Test
    void rawBinaryIsOneSegmentAtTheBaseAddress() throws Exception {
        byte[] bin = TestImages.circuitPythonLayout();

        FirmwareImage image = RawBinaryReader.read(bin, ImageReader.DEFAULT_BIN_BASE_ADDRESS);

        // shared/images/README.md: 434,176 bytes written at 0x08000000, this sha256.
        assertThat(image.segments()).containsExactly(new Segment(0x0800_0000L, bin));
        assertThat(image.totalSize()).isEqualTo(434_176);
        assertThat(image.sourceSha256().hex()).isEqualTo(TestImages.LAYOUT_SHA256);
        assertThat(image.endAddress()).isEqualTo(0x0800_0000L + 434_176);
    }

    @Test
    void anEmptyBinIsRefused() {
        assertThatThrownBy(() -> RawBinaryReader.read(new byte[0], 0x0800_0000L))
                .isInstanceOf(ImageFormatException.class).hasMessage("the .bin file is empty");
    }

    @Test
    void theLayoutImageProgramsItsZeroFilledFilesystemHoleToo() throws Exception {
        FirmwareImage image = RawBinaryReader.read(TestImages.circuitPythonLayout(), 0x0800_0000L);

        // circuitpython-blackpill.md §4: the 48 KiB CIRCUITPY range is zeros in the file, and zeros are not erased
        // flash, so they need programming like any code word.
        List<AddressRange> ranges = image.programmedWordRanges();
        assertThat(ranges.get(0).start()).isEqualTo(0x0800_0000L);
        assertThat(ranges).allSatisfy(range -> assertThat(range.start() % 4).isZero());
        long programmed = ranges.stream().mapToLong(AddressRange::length).sum();
        long erasedWords = 0;
        for (long word = image.startAddress(); word < image.endAddress(); word += 4) {
            if (image.flashWordAt(word) == FirmwareImage.ERASED_WORD) {
                erasedWords++;
            }
        }
        assertThat(programmed + erasedWords * 4).isEqualTo(434_176);
        assertThat(image.flashWordAt(0x0800_4000L)).isZero();
    }

    @Test
    void erasedWordsAreLeftOutAndUnalignedEdgesArePaddedWithErasedBytes() {
        byte[] first = filled(12, 0x11);
        Arrays.fill(first, 4, 8, (byte) 0xFF);
        FirmwareImage image = new FirmwareImage(ImageFormat.HEX, ANY, List.of(
                new Segment(0x0800_0000L, first),
                // Starts mid-word and ends mid-word; shares its first word with nothing.
                new Segment(0x0800_0102L, new byte[] {0x22, 0x33, 0x44}),
                // Two segments sharing one word: 0x200..0x201 and 0x202..0x203.
                new Segment(0x0800_0200L, new byte[] {0x55, 0x66}),
                new Segment(0x0800_0202L, new byte[] {0x77, (byte) 0x88}),
                new Segment(0x0800_0300L, filled(8, 0xFF))));

        assertThat(image.programmedWordRanges()).containsExactly(
                new AddressRange(0x0800_0000L, 0x0800_0004L),
                new AddressRange(0x0800_0008L, 0x0800_000CL),
                new AddressRange(0x0800_0100L, 0x0800_0108L),
                new AddressRange(0x0800_0200L, 0x0800_0204L));
        assertThat(image.flashWordAt(0x0800_0100L)).isEqualTo(0x3322_FFFF);
        assertThat(image.flashWordAt(0x0800_0104L)).isEqualTo(0xFFFF_FF44);
        assertThat(image.flashWordAt(0x0800_0200L)).isEqualTo(0x8877_6655);
    }

    @Test
    void fullWordsAreOnlyReportedWhenTheImageWritesAllFourBytes() {
        FirmwareImage image = new FirmwareImage(ImageFormat.HEX, ANY,
                List.of(new Segment(0x0800_0000L, new byte[] {1, 2, 3, 4, 5, 6})));

        assertThat(image.fullWordAt(0x0800_0000L)).hasValue(0x0403_0201L);
        assertThat(image.fullWordAt(0x0800_0004L)).isEmpty();
        assertThat(image.byteAt(0x0800_0006L)).isEqualTo(-1);
    }

    @Test
    void segmentsAreKeptInAddressOrderAndMayNotOverlap() {
        Segment high = new Segment(0x0801_0000L, new byte[4]);
        Segment low = new Segment(0x0800_0000L, new byte[4]);

        assertThat(new FirmwareImage(ImageFormat.HEX, ANY, List.of(high, low)).segments()).containsExactly(low, high);
        assertThatThrownBy(() -> new FirmwareImage(ImageFormat.HEX, ANY,
                List.of(low, new Segment(0x0800_0002L, new byte[4]))))
                .hasMessage("segment 0x08000002–0x08000005 overlaps segment 0x08000000–0x08000003");
    }
}
