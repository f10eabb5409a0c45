package io.flashstation.probe.jlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** jlink.md §3.2: request byte layout and its table of common values; even data parity. */
class SwdPacketTest {

    @Test
    void requestBytesMatchTheSheetsTable() {
        assertThat(SwdPacket.requestByte(false, true, 0x0)).isEqualTo(0xA5); // DP read DPIDR
        assertThat(SwdPacket.requestByte(false, false, 0x0)).isEqualTo(0x81); // DP write ABORT
        assertThat(SwdPacket.requestByte(false, true, 0x4)).isEqualTo(0x8D); // DP read CTRL/STAT
        assertThat(SwdPacket.requestByte(false, false, 0x4)).isEqualTo(0xA9); // DP write CTRL/STAT
        assertThat(SwdPacket.requestByte(false, false, 0x8)).isEqualTo(0xB1); // DP write SELECT
        assertThat(SwdPacket.requestByte(false, true, 0xC)).isEqualTo(0xBD); // DP read RDBUFF
        assertThat(SwdPacket.requestByte(true, false, 0x0)).isEqualTo(0xA3); // AP write CSW
        assertThat(SwdPacket.requestByte(true, false, 0x4)).isEqualTo(0x8B); // AP write TAR
        assertThat(SwdPacket.requestByte(true, false, 0xC)).isEqualTo(0xBB); // AP write DRW
        assertThat(SwdPacket.requestByte(true, true, 0xC)).isEqualTo(0x9F); // AP read DRW / IDR (bank 0xF)
    }

    @Test
    void requestParityCoversApRnwAndAddressBits() {
        for (int address = 0; address <= 0xC; address += 4) {
            for (int kind = 0; kind < 4; kind++) {
                int request = SwdPacket.requestByte((kind & 1) != 0, (kind & 2) != 0, address);
                assertThat(Integer.bitCount(request >> 1 & 0x1F) % 2).as("APnDP, RnW, A2, A3 and parity").isZero();
                assertThat(request & 0xC1).as("start 1, stop 0, park 1").isEqualTo(0x81);
            }
        }
    }

    @Test
    void dataParityIsEven() {
        assertThat(SwdPacket.dataParity(0x2BA01477)).isFalse(); // 14 ones (§3.4)
        assertThat(SwdPacket.dataParity(0x0000001E)).isFalse(); // ABORT 0x1E, parity 0 (§3.4)
        assertThat(SwdPacket.dataParity(0x00000001)).isTrue();
        assertThat(SwdPacket.dataParity(0xFFFFFFFF)).isFalse();
        assertThat(SwdPacket.dataParity(0x80000000)).isTrue();
    }

    @Test
    void refusesAddressesOutsideA32() {
        assertThatThrownBy(() -> SwdPacket.requestByte(true, true, 0x10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SwdPacket.requestByte(true, true, 0x2)).isInstanceOf(IllegalArgumentException.class);
    }
}
