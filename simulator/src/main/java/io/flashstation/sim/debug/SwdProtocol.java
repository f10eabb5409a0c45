package io.flashstation.sim.debug;

/** The SWD wire constants of adiv5-swd-jtag.md §1–§2 and the bit costs of TIMING.md §2, kept in one place. */
public final class SwdProtocol {

    /** Request, turnaround, ACK, turnaround/data and parity: one OK read or write (TIMING.md §2). */
    public static final int OK_TRANSFER_BITS = 46;
    /** Request, turnaround, ACK, turnaround: a WAIT, FAULT or unanswered request (TIMING.md §2). */
    public static final int SHORT_ANSWER_BITS = 13;
    /** The eight request bits that precede the target's answer. */
    public static final int REQUEST_BITS = 8;
    /** Data phase: 32 data bits and one parity bit. */
    public static final int DATA_PHASE_BITS = 33;
    /** Ones that make a line reset (§2: at least 50). */
    public static final int LINE_RESET_ONES = 50;
    /** Low cycles that take the SW-DP from its reset state to idle (§3). */
    public static final int IDLE_CYCLES_AFTER_RESET = 2;
    /** The 16-bit JTAG-to-SWD select sequence, LSB first (§2). */
    public static final int JTAG_TO_SWD = 0xE79E;
    /** The 16-bit SWD-to-JTAG select sequence, LSB first (§2). */
    public static final int SWD_TO_JTAG = 0xE73C;

    private SwdProtocol() {
    }

    /** Even parity over 32 data bits: the XOR of all of them (§1.2). */
    public static boolean dataParity(int data) {
        return (Integer.bitCount(data) & 1) != 0;
    }

    /** The parity bit of a request: XOR of APnDP, RnW, A2 and A3 (§1.1). */
    public static boolean requestParity(boolean ap, boolean read, int address) {
        int bits = (ap ? 1 : 0) + (read ? 1 : 0) + Integer.bitCount(address & 0xC);
        return (bits & 1) != 0;
    }
}
