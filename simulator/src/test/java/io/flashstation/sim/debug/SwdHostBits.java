package io.flashstation.sim.debug;

/**
 * What a host puts on the wire, encoded for the tests from adiv5-swd-jtag.md §1.1–§2 on their own, independently
 * of the simulator's {@link SwdProtocol}, so that a wrong constant there cannot hide behind the same one here.
 */
public final class SwdHostBits {

    /** Bits in {@link #jtagToSwd()}: 56 ones, 0xE79E, 56 ones, 8 zeros (OpenOCD's swd_seq_jtag_to_swd). */
    public static final int JTAG_TO_SWD_BITS = 136;
    /** Bits in {@link #lineReset()}: 56 ones, 8 zeros (OpenOCD's swd_seq_line_reset). */
    public static final int LINE_RESET_BITS = 64;

    private SwdHostBits() {
    }

    /** The 8 request bits, LSB first: start, APnDP, RnW, A2, A3, parity over bits 1–4, stop 0, park 1. */
    public static int request(boolean ap, boolean read, int address) {
        int a2 = (address >> 2) & 1;
        int a3 = (address >> 3) & 1;
        int apBit = ap ? 1 : 0;
        int readBit = read ? 1 : 0;
        int parity = apBit ^ readBit ^ a2 ^ a3;
        return 1 | apBit << 1 | readBit << 2 | a2 << 3 | a3 << 4 | parity << 5 | 1 << 7;
    }

    /** Even data parity: 1 when the 32 bits hold an odd number of ones. */
    public static boolean parity(int data) {
        return Integer.bitCount(data) % 2 == 1;
    }

    public static byte[] jtagToSwd() {
        return new byte[] {-1, -1, -1, -1, -1, -1, -1, (byte) 0x9E, (byte) 0xE7, -1, -1, -1, -1, -1, -1, -1, 0};
    }

    public static byte[] lineReset() {
        return new byte[] {-1, -1, -1, -1, -1, -1, -1, 0};
    }
}
