package io.flashstation.probe.jlink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** jlink.md §3.3, §3.4, §3.7: packet layouts on the SWD I/O clocks, against the sheet's worked examples. */
class SwdWireLayoutTest {

    @Test
    void dpidrReadIsFiftyFourClocksOfTheWorkedExample() {
        // §3.4: n = 8 + 38 + 8 = 54; direction FF 00 00 00 00 C0 3F, data A5 00 00 00 00 00 00
        SwdIoSequence seq = new SwdIoSequence();
        int start = SwdWireLayout.appendRead(seq, false, 0x0);
        SwdWireLayout.appendIdle(seq, SwdWireLayout.TRAILING_IDLE_BITS);

        assertThat(start).isZero();
        assertThat(seq.length()).isEqualTo(54);
        assertThat(seq.directionBytes()).containsExactly(bytes(0xFF, 0x00, 0x00, 0x00, 0x00, 0xC0, 0x3F));
        assertThat(seq.outBytes()).containsExactly(bytes(0xA5, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void connectSequenceIsTheFirstCallOpenOcdSends() {
        // §3.4: JTAG-to-SWD + DPIDR read + 8 idle = 190 clocks, 24 bytes per direction
        SwdIoSequence seq = new SwdIoSequence();
        SwdWireLayout.appendJtagToSwd(seq);
        int start = SwdWireLayout.appendRead(seq, false, 0x0);
        SwdWireLayout.appendIdle(seq, SwdWireLayout.TRAILING_IDLE_BITS);

        assertThat(start).isEqualTo(136);
        assertThat(seq.length()).isEqualTo(190);
        byte[] direction = new byte[24];
        java.util.Arrays.fill(direction, 0, 18, (byte) 0xFF);
        direction[22] = (byte) 0xC0;
        direction[23] = 0x3F;
        assertThat(seq.directionBytes()).containsExactly(direction);
        assertThat(seq.outBytes()).containsExactly(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x9E, 0xE7,
                0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0xA5, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void abortWriteDrivesDataAfterFiveReleasedClocks() {
        // §3.4: ABORT 0x1E, request 0x81, 8 + 5 + 33 + 8 = 54 clocks; data from clock 13, parity 0 at clock 45
        SwdIoSequence seq = new SwdIoSequence();
        SwdWireLayout.appendWrite(seq, false, 0x0, 0x1E);
        SwdWireLayout.appendIdle(seq, SwdWireLayout.TRAILING_IDLE_BITS);

        assertThat(seq.length()).isEqualTo(54);
        assertThat(seq.directionBytes()).containsExactly(bytes(0xFF, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF, 0x3F));
        assertThat(seq.outBytes()).containsExactly(bytes(0x81, 0xC0, 0x03, 0, 0, 0, 0));
    }

    @Test
    void writeParityBitFollowsTheData() {
        SwdIoSequence seq = new SwdIoSequence();
        SwdWireLayout.appendWrite(seq, true, 0xC, 0x00000001);
        // 8 request + 5 released + 32 data: the parity bit is clock 45, byte 5 bit 5
        assertThat(seq.outBytes()[5] & 0x20).isEqualTo(0x20);
    }

    @Test
    void lineResetIsFiftySixHighThenEightLow() {
        // §3.7: bytes FF×7, 00
        SwdIoSequence seq = new SwdIoSequence();
        SwdWireLayout.appendLineReset(seq);
        assertThat(seq.outBytes()).containsExactly(bytes(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00));
        assertThat(seq.directionBytes()).containsOnly((byte) 0xFF);
    }

    @Test
    void readsAckDataAndParityFromTheClockAfterTheRequest() {
        // §3.4: ACK at bits 8–10 (OK = 1,0,0), DPIDR at 11–42 LSB first, parity at 43
        CapturedBits captured = new CapturedBits(captureRead(0b001, 0x2BA01477, false, 0));
        assertThat(SwdWireLayout.ack(captured, 0)).isEqualTo(SwdWireLayout.ACK_OK);
        assertThat(SwdWireLayout.readData(captured, 0)).isEqualTo(0x2BA01477);
        assertThat(SwdWireLayout.readParityOk(captured, 0)).isTrue();
    }

    @Test
    void readsTheAnswerOfAPacketFurtherIntoTheCall() {
        // §3.4: in the connect call the ACK is at bits 144–146 and DPIDR at 147–178
        CapturedBits captured = new CapturedBits(captureRead(0b001, 0x2BA01477, false, 136));
        assertThat(SwdWireLayout.ack(captured, 136)).isEqualTo(SwdWireLayout.ACK_OK);
        assertThat(SwdWireLayout.readData(captured, 136)).isEqualTo(0x2BA01477);
    }

    @Test
    void tellsWaitFaultAndSilenceApart() {
        // §3.2: WAIT = 0b010, FAULT = 0b100, all ones = nobody drives the line
        assertThat(SwdWireLayout.ack(new CapturedBits(captureRead(0b010, 0, false, 0)), 0))
                .isEqualTo(SwdWireLayout.ACK_WAIT);
        assertThat(SwdWireLayout.ack(new CapturedBits(captureRead(0b100, 0, false, 0)), 0))
                .isEqualTo(SwdWireLayout.ACK_FAULT);
        byte[] pulledUp = new byte[7];
        java.util.Arrays.fill(pulledUp, (byte) 0xFF);
        assertThat(SwdWireLayout.ack(new CapturedBits(pulledUp), 0)).isEqualTo(SwdWireLayout.ACK_NONE);
    }

    @Test
    void catchesAWrongParityBit() {
        // §3.2: 0x2BA01477 has even weight, so a parity bit of 1 is wrong
        CapturedBits captured = new CapturedBits(captureRead(0b001, 0x2BA01477, true, 0));
        assertThat(SwdWireLayout.readParityOk(captured, 0)).isFalse();
    }

    /** A capture of a read packet starting at {@code start}, built bit by bit as §3.4 describes it. */
    private static byte[] captureRead(int ack, int data, boolean parity, int start) {
        byte[] bits = new byte[(start + 54 + 7) / 8];
        int at = start + 8;
        for (int i = 0; i < 3; i++) {
            set(bits, at++, (ack >> i & 1) != 0);
        }
        for (int i = 0; i < 32; i++) {
            set(bits, at++, (data >>> i & 1) != 0);
        }
        set(bits, at, parity);
        return bits;
    }

    private static void set(byte[] bits, int position, boolean high) {
        if (high) {
            bits[position >> 3] |= (byte) (1 << (position & 7));
        }
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
