package io.flashstation.sim.debug;

/**
 * Watches the SWDIO/TMS levels the target does not drive for the sequences of adiv5-swd-jtag.md §2: line resets (at least
 * 50 ones), the 16-bit JTAG-to-SWD and SWD-to-JTAG selects that follow one, and the idle cycles that take the
 * SW-DP out of its reset state (§3). The SWJ-DP leaves power-on reset in JTAG mode, so SWD packets are ignored
 * until a host switches it.
 */
final class SwjLineMonitor {

    /** Which of its two protocols the SWJ-DP currently speaks. */
    public enum Mode { JTAG, SWD }

    private static final int SELECT_BITS = 16;

    private Mode mode = Mode.JTAG;
    private int onesRun;
    private boolean inResetState;
    private boolean lockedOut;
    private int idleCycles;
    private int selectShift;
    private int selectCollected = -1;

    /** Back to the power-on state: JTAG mode, nothing seen. */
    public void powerOn() {
        mode = Mode.JTAG;
        onesRun = 0;
        inResetState = false;
        lockedOut = false;
        idleCycles = 0;
        selectCollected = -1;
    }

    /**
     * One host-driven (or pulled-up) line level. Returns true when this bit put the SW-DP into its reset state:
     * the 50th one of a line reset while in SWD mode, or the last bit of a JTAG-to-SWD select.
     */
    public boolean bit(boolean level) {
        boolean enteredReset = false;
        if (selectCollected >= 0) {
            enteredReset = shiftSelect(level);
        } else if (!level && onesRun >= SwdProtocol.LINE_RESET_ONES) {
            // both selects start with a low bit right after the ones of a line reset
            selectShift = 0;
            selectCollected = 1;
        }
        if (level) {
            onesRun++;
            enteredReset |= onesRun == SwdProtocol.LINE_RESET_ONES && mode == Mode.SWD;
        } else {
            onesRun = 0;
            idleCycles++;
        }
        if (enteredReset) {
            inResetState = true;
            lockedOut = false;
            idleCycles = 0;
        } else if (inResetState && idleCycles >= SwdProtocol.IDLE_CYCLES_AFTER_RESET) {
            inResetState = false;
        }
        return enteredReset;
    }

    /** A packet went over the line: it breaks any run of ones and any select sequence. */
    public void packet() {
        onesRun = 0;
        idleCycles = 0;
        selectCollected = -1;
    }

    /** A protocol error: the SW-DP ignores the line until the next line reset. */
    public void lockOut() {
        lockedOut = true;
    }

    /** True when a packet request would be seen: SWD mode, out of the line-reset state, not locked out. */
    public boolean acceptsRequests() {
        return mode == Mode.SWD && !inResetState && !lockedOut;
    }

    public Mode mode() {
        return mode;
    }

    private boolean shiftSelect(boolean level) {
        if (level) {
            selectShift |= 1 << selectCollected;
        }
        selectCollected++;
        if (selectCollected < SELECT_BITS) {
            return false;
        }
        selectCollected = -1;
        if (selectShift == SwdProtocol.JTAG_TO_SWD) {
            mode = Mode.SWD;
            return true;
        }
        if (selectShift == SwdProtocol.SWD_TO_JTAG) {
            mode = Mode.JTAG;
        }
        return false;
    }
}
