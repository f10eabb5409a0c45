package io.flashstation.sim.jlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The J-Link's capture of SWDIO relative to the wire cycles (jlink.md §3.1 "sampling offset"). */
class SwdCaptureTest {

    private static final int DPIDR = 0x2BA01477;

    @Test
    void theAckOfAReadIsCapturedFromTheTurnaroundSlotOn() {
        // jlink.md §3.1 / §3.3: OpenOCD reads ACK at in-slots 0–2, data at 3–34, parity at 35 of 38 in-slots
        SwdIoRequest read = new SwdIoRequest().read(0xA5).out(0, 8);
        byte[] request = read.encode();
        int bytes = (read.bitCount() + 7) / 8;
        byte[] drives = Arrays.copyOfRange(request, 4, 4 + bytes);
        byte[] out = Arrays.copyOfRange(request, 4 + bytes, 4 + 2 * bytes);
        // the wire as ADIv5 numbers it: request 0–7, turnaround 8, ACK 9–11, data 12–43, parity 44, turnaround 45
        byte[] line = new byte[bytes];
        for (int i = 0; i < 8; i++) {
            Bits.setIfHigh(line, i, (0xA5 >> i & 1) != 0);
        }
        Bits.setIfHigh(line, 8, true);
        Bits.setIfHigh(line, 9, true);
        for (int i = 0; i < 32; i++) {
            Bits.setIfHigh(line, 12 + i, (DPIDR >>> i & 1) != 0);
        }
        Bits.setIfHigh(line, 44, Integer.bitCount(DPIDR) % 2 == 1);
        Bits.setIfHigh(line, 45, true);

        byte[] captured = BitBangIo.capture(read.bitCount(), drives, out, line);

        assertThat(SwdIoRequest.bits(captured, 0, 8)).as("request echoed").isEqualTo(0xA5);
        assertThat(SwdIoRequest.bits(captured, 8, 3)).as("ACK OK").isEqualTo(0b001);
        assertThat(SwdIoRequest.bits(captured, 11, 32)).as("DPIDR").isEqualTo(DPIDR & 0xFFFFFFFFL);
        assertThat(SwdIoRequest.bit(captured, 43)).as("even parity of 14 ones").isZero();
        assertThat(SwdIoRequest.bit(captured, 45)).as("turnaround before the host drives: pull-up").isEqualTo(1);
        assertThat(SwdIoRequest.bits(captured, 46, 8)).as("idle clocks echoed").isZero();
    }

    @Test
    void aReleasedClockAtTheEndKeepsTheLineLevel() {
        // jlink.md §3.1: the last clock has no next cycle to lead into
        byte[] line = {0b0100};

        byte[] captured = BitBangIo.capture(3, new byte[1], new byte[1], line);

        assertThat(captured).containsExactly(0b0110);
    }
}
