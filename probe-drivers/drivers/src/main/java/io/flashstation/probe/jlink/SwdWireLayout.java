package io.flashstation.probe.jlink;

/**
 * Where SWD packets and line sequences sit on the clocks of an SWD I/O call, and where their answers are found
 * in what the J-Link captured. Packets use OpenOCD's layout (jlink.md §3.3): a read is 8 driven request clocks
 * and 38 released ones; a write is 8 driven, 5 released, then 33 driven (data and parity). The J-Link's capture
 * leads the line by one clock (§3.1), so the ACK is in the first three released clocks, read data in the next
 * 32 and its parity after them.
 */
final class SwdWireLayout {

    /** ACK values, LSB first on the wire (§3.2). */
    static final int ACK_OK = 0b001;
    static final int ACK_WAIT = 0b010;
    static final int ACK_FAULT = 0b100;
    /** Nobody drove SWDIO: the pull-up reads as all ones. */
    static final int ACK_NONE = 0b111;
    /** "A transaction must be followed by another transaction or at least 8 idle cycles" (§3.3). */
    static final int TRAILING_IDLE_BITS = 8;

    /** A line reset is at least 50 clocks high (§3.7, 56 as OpenOCD sends it), then idle clocks low. */
    private static final int LINE_RESET_HIGH_BITS = 56;
    private static final int IDLE_AFTER_RESET_BITS = 8;
    /** The JTAG-to-SWD select sequence, sent LSB first (bytes 9E E7). */
    private static final int JTAG_TO_SWD = 0xE79E;
    private static final int JTAG_TO_SWD_BITS = 16;

    private static final int ACK_OFFSET = SwdPacket.REQUEST_BITS;
    private static final int ACK_BITS = 3;
    private static final int DATA_OFFSET = ACK_OFFSET + ACK_BITS;
    private static final int DATA_BITS = 32;

    private SwdWireLayout() {
    }

    /** Appends a read packet; returns the clock its request starts at. */
    static int appendRead(SwdIoSequence seq, boolean ap, int address) {
        int start = seq.length();
        seq.drive(SwdPacket.requestByte(ap, true, address), SwdPacket.REQUEST_BITS);
        seq.release(SwdPacket.READ_RESPONSE_BITS);
        return start;
    }

    /** Appends a write packet; returns the clock its request starts at. */
    static int appendWrite(SwdIoSequence seq, boolean ap, int address, int value) {
        int start = seq.length();
        seq.drive(SwdPacket.requestByte(ap, false, address), SwdPacket.REQUEST_BITS);
        seq.release(SwdPacket.WRITE_RELEASED_BITS);
        seq.drive(Integer.toUnsignedLong(value), DATA_BITS);
        seq.driveLevel(SwdPacket.dataParity(value), 1);
        return start;
    }

    /** Line reset then idle: puts an SW-DP into its reset state, where it waits for a DPIDR read. */
    static void appendLineReset(SwdIoSequence seq) {
        seq.driveLevel(true, LINE_RESET_HIGH_BITS);
        appendIdle(seq, IDLE_AFTER_RESET_BITS);
    }

    /** The JTAG-to-SWD switch: reset the JTAG state machine, the select sequence, then a line reset and idle. */
    static void appendJtagToSwd(SwdIoSequence seq) {
        seq.driveLevel(true, LINE_RESET_HIGH_BITS);
        seq.drive(JTAG_TO_SWD, JTAG_TO_SWD_BITS);
        appendLineReset(seq);
    }

    /** Idle clocks: SWDIO driven low. */
    static void appendIdle(SwdIoSequence seq, int bits) {
        seq.driveLevel(false, bits);
    }

    /** The 3-bit ACK of the packet whose request starts at {@code start}. */
    static int ack(CapturedBits captured, int start) {
        return captured.bits(start + ACK_OFFSET, ACK_BITS);
    }

    /** The data of the read packet starting at {@code start}. */
    static int readData(CapturedBits captured, int start) {
        return captured.bits(start + DATA_OFFSET, DATA_BITS);
    }

    /** True when the read packet starting at {@code start} arrived with the right parity bit. */
    static boolean readParityOk(CapturedBits captured, int start) {
        return captured.bit(start + DATA_OFFSET + DATA_BITS) == SwdPacket.dataParity(readData(captured, start));
    }
}
