package io.flashstation.probe.jlink;

/**
 * The SWD packet header and data parity (jlink.md §3.2): the request byte is start, APnDP, RnW, A[2:3], parity
 * over those four, stop, park, sent LSB first; data parity is even (the XOR of the 32 data bits).
 */
final class SwdPacket {

    /** Request bits clocked by the host. */
    static final int REQUEST_BITS = 8;
    /** A read after its request: turnaround, ACK, 32 data bits, parity, turnaround (OpenOCD's layout, §3.3). */
    static final int READ_RESPONSE_BITS = 38;
    /** A write after its request: the target's part (turnaround, ACK, turnaround); 33 driven clocks follow. */
    static final int WRITE_RELEASED_BITS = 5;
    /** Every packet, read or write, takes 46 clocks (TIMING.md §2). */
    static final int PACKET_BITS = REQUEST_BITS + READ_RESPONSE_BITS;

    private SwdPacket() {
    }

    /** The request byte for a DP ({@code ap} false) or AP register at {@code address} (0x0, 0x4, 0x8 or 0xC). */
    static int requestByte(boolean ap, boolean read, int address) {
        if ((address & ~0xC) != 0) {
            throw new IllegalArgumentException(String.format("A[3:2] address expected, got 0x%X", address));
        }
        int apBit = ap ? 1 : 0;
        int readBit = read ? 1 : 0;
        int a2 = (address >> 2) & 1;
        int a3 = (address >> 3) & 1;
        int parity = apBit ^ readBit ^ a2 ^ a3;
        return 1 | apBit << 1 | readBit << 2 | a2 << 3 | a3 << 4 | parity << 5 | 1 << 7;
    }

    /** The parity bit sent after 32 data bits: set when the data holds an odd number of ones. */
    static boolean dataParity(int data) {
        return (Integer.bitCount(data) & 1) != 0;
    }
}
