package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Crc32Mpeg2Test {

    private static int crc(byte[] bytes) {
        int crc = Crc32Mpeg2.INITIAL;
        for (byte b : bytes) {
            crc = Crc32Mpeg2.update(crc, b & 0xFF);
        }
        return crc;
    }

    // the CRC catalogue's check value for CRC-32/MPEG-2 (poly 0x04C11DB7, init 0xFFFFFFFF, no reflection, no XOR)
    @Test
    void matchesTheCatalogueCheckValue() {
        assertThat(crc("123456789".getBytes(StandardCharsets.US_ASCII))).isEqualTo(0x0376E6E7);
    }

    @Test
    void anEmptyRangeLeavesTheInitialValue() {
        assertThat(crc(new byte[0])).isEqualTo(0xFFFFFFFF);
    }
}
