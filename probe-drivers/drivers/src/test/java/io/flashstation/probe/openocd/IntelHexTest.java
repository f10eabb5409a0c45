package io.flashstation.probe.openocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.target.ImageSegment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Intel HEX records (Intel, "Hexadecimal Object File Format Specification" rev. A). */
class IntelHexTest {

    @Test
    void writesExtendedAddressDataAndEndRecordsWithChecksums() {
        String hex = IntelHex.encode(List.of(new ImageSegment(0x0800_0000, new byte[] {0x00, 0x00, 0x02, 0x20})));

        // type 04 with 0x0800, one data record at 0x0000, then EOF; each checksum makes the record sum to 0 mod 256
        assertThat(hex).isEqualTo(":020000040800F2\n:0400000000000220DA\n:00000001FF\n");
    }

    @Test
    void splitsAtSixteenBytesAndAtSixtyFourKibBoundaries() {
        byte[] bytes = new byte[20];
        String hex = IntelHex.encode(List.of(new ImageSegment(0x0800_FFF8, bytes)));

        assertThat(hex.lines()).containsExactly(
                ":020000040800F2",
                ":08FFF800000000000000000001",
                ":020000040801F1",
                ":0C000000000000000000000000000000F4",
                ":00000001FF");
    }

    @Test
    void keepsGapsBetweenSegments() {
        String hex = IntelHex.encode(List.of(new ImageSegment(0x0800_0000, new byte[] {1}),
                new ImageSegment(0x0800_8000, new byte[] {2})));

        assertThat(hex.lines()).containsExactly(":020000040800F2", ":0100000001FE", ":01800000027D", ":00000001FF");
    }
}
