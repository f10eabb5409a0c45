package io.flashstation.firmware.image;

import io.flashstation.firmware.digest.Sha256;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Intel HEX as defined by Intel's "Hexadecimal Object File Format Specification" (rev. A, 1988): records
 * {@code :LLAAAATT<data>CC}, checksum = two's complement of the byte sum; types 00 data, 01 EOF, 02 extended segment
 * address (base = value × 16, offsets wrap in the 64 KiB segment), 03 start segment, 04 extended linear address
 * (base = value × 65536), 05 start linear. The literal files below were checked by hand.
 */
class IntelHexReaderTest {

    private static FirmwareImage read(String text) throws ImageFormatException {
        return IntelHexReader.read(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void handCheckedFileWithExtendedLinearAddressesAndAnOddLengthRecord() throws Exception {
        FirmwareImage image = read("""
                :020000040800F2
                :080000000000022001010008CC
                :03010000ABCDEF95
                :020000040801F1
                :02FFFE001122CE
                :0400000508000101ED
                :00000001FF
                """);

        assertThat(image.segments()).containsExactly(
                new Segment(0x0800_0000L, bytes(0x00, 0x00, 0x02, 0x20, 0x01, 0x01, 0x00, 0x08)),
                new Segment(0x0800_0100L, bytes(0xAB, 0xCD, 0xEF)),
                new Segment(0x0801_FFFEL, bytes(0x11, 0x22)));
        assertThat(image.format()).isEqualTo(ImageFormat.HEX);
        assertThat(image.totalSize()).isEqualTo(13);
    }

    @Test
    void extendedSegmentAddressWrapsInsideItsSegment() throws Exception {
        // Type 02 base 0x1000 → 0x10000; four bytes at offset 0xFFFE wrap to the segment's start (spec, type 02).
        FirmwareImage image = read(":020000021000EC\n:04FFFE0001020304F5\n:00000001FF\n");

        assertThat(image.segments()).containsExactly(
                new Segment(0x1_0000L, bytes(0x03, 0x04)),
                new Segment(0x1_FFFEL, bytes(0x01, 0x02)));
    }

    @Test
    void startSegmentAddressRecordsAreAcceptedAndDoNotAddData() throws Exception {
        // Type 03: CS = 0x0000, IP = 0x3800, as 16-bit toolchains emit it.
        FirmwareImage image = read(":0400000300003800C1\n:03010000ABCDEF95\n:00000001FF\n");

        assertThat(image.segments()).containsExactly(new Segment(0x0100L, bytes(0xAB, 0xCD, 0xEF)));
    }

    @Test
    void roundTripsTheCircuitPythonLayoutImageAsObjcopyWouldWriteIt() throws Exception {
        byte[] bin = TestImages.circuitPythonLayout();
        byte[] hex = new IntelHexWriter(16).data(0x0800_0000L, bin).startLinearAddress(0x0800_0101L).finish();

        FirmwareImage image = IntelHexReader.read(hex);

        // Contiguous records join into one segment; the digest is the HEX file's, not the bin's.
        assertThat(image.segments()).containsExactly(new Segment(0x0800_0000L, bin));
        assertThat(image.sourceSha256()).isEqualTo(Sha256.of(hex));
    }

    @Test
    void oddRecordLengthsAndCrlfLineEndingsReadTheSame() throws Exception {
        byte[] data = TestImages.bootable(1000, 7);
        String hex = new String(new IntelHexWriter(13).data(0x0800_FF00L, data).finish(), StandardCharsets.US_ASCII);

        FirmwareImage image = read(hex.replace("\n", "\r\n"));

        assertThat(image.segments()).containsExactly(new Segment(0x0800_FF00L, data));
    }

    @Test
    void badChecksumNamesTheLineAndBothValues() {
        assertThatThrownBy(() -> read(":020000040800F2\n:03010000ABCDEF96\n:00000001FF\n"))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("line 2: checksum 0x96 is wrong, the record's bytes need 0x95");
    }

    @Test
    void byteCountThatDisagreesWithTheRecordIsRefused() {
        // Count says 4 but three data bytes follow (the checksum is right for what is there).
        assertThatThrownBy(() -> read(":04010000ABCDEF94\n:00000001FF\n"))
                .hasMessage("line 1: byte count says 4 data bytes but the record holds 3");
    }

    @Test
    void malformedLinesAreRefusedWithTheirPlace() {
        assertThatThrownBy(() -> read("020000040800F2\n")).hasMessage("line 1: a record must start with ':'");
        assertThatThrownBy(() -> read(":020000040800F\n")).hasMessage("line 1: odd number of hex digits (13)");
        assertThatThrownBy(() -> read(":0200000408G0F2\n"))
                .hasMessage("line 1, column 12: 'G' is not a hex digit");
        assertThatThrownBy(() -> read(":0000\n")).hasMessageContaining("record too short");
    }

    @Test
    void unknownRecordTypeIsRefused() {
        // Type 06 with a correct checksum: 00+00+00+06 → 0xFA.
        assertThatThrownBy(() -> read(":00000006FA\n:00000001FF\n"))
                .hasMessage("line 1: unknown record type 0x06 (Intel HEX defines 00 to 05)");
    }

    @Test
    void addressRecordsOfTheWrongLengthAreRefused() {
        byte[] hex = new IntelHexWriter(16).record(0x04, 0, bytes(0x08)).finish();

        assertThatThrownBy(() -> IntelHexReader.read(hex))
                .hasMessage("line 1: extended linear address record must carry 2 data bytes, not 1");
    }

    @Test
    void aFileWithoutEndOfFileRecordIsTruncated() {
        assertThatThrownBy(() -> read(":020000040800F2\n:03010000ABCDEF95\n"))
                .hasMessage("no end-of-file record (type 01): the HEX file is truncated");
    }

    @Test
    void recordsAfterEndOfFileAreRefused() {
        assertThatThrownBy(() -> read(":00000001FF\n:03010000ABCDEF95\n"))
                .hasMessage("line 2: record after the end-of-file record");
    }

    @Test
    void overlappingRecordsAreRefusedNamingBothLines() {
        byte[] hex = new IntelHexWriter(16)
                .data(0x0800_0000L, new byte[16])
                .data(0x0800_0008L, new byte[4])
                .finish();

        assertThatThrownBy(() -> IntelHexReader.read(hex))
                .hasMessage("line 3: data at 0x08000008–0x0800000B overlaps data at 0x08000000–0x0800000F from line 2");
    }

    @Test
    void aFileWithNoDataIsRefused() {
        assertThatThrownBy(() -> read(":020000040800F2\n:00000001FF\n"))
                .hasMessage("the HEX file has no data records");
    }
}
