package io.flashstation.sim.stlink;

import io.flashstation.sim.debug.SwdResponse;
import io.flashstation.sim.probe.TargetConnection;

/**
 * The ST-Link firmware's SWD layer: DP and AP register accesses as real SWD transactions on the board's
 * debug port, with SELECT caching, WAIT retries and sticky-error clearing (adiv5-swd-jtag.md §§2–5).
 * It knows nothing of the USB protocol; failures carry the ST-Link status they are reported as.
 */
final class SwdEngine {

    static final int DP_DPIDR = 0x0;
    static final int DP_ABORT = 0x0;
    static final int DP_CTRL_STAT = 0x4;
    static final int DP_SELECT = 0x8;
    static final int DP_RDBUFF = 0xC;

    /** ABORT: STKCMPCLR | STKERRCLR | WDERRCLR | ORUNERRCLR (adiv5-swd-jtag.md §4.3). */
    static final int ABORT_CLEAR_STICKY = 0x1E;
    /** CTRL/STAT: CSYSPWRUPREQ | CDBGPWRUPREQ. */
    private static final int POWER_UP_REQUEST = 0x5000_0000;
    /** CTRL/STAT: CSYSPWRUPACK | CDBGPWRUPACK. */
    private static final int POWER_UP_ACK = 0xA000_0000;
    private static final int POWER_UP_POLLS = 10;
    /** stlink.md §7: the firmware gives up when the target answered WAIT more than 4 times in a row. */
    private static final int MAX_WAITS_IN_A_ROW = 5;

    /** ≥50 ones, the 16-bit JTAG-to-SWD code 0xE79E, ≥50 ones, ≥2 idle zeros (adiv5-swd-jtag.md §2). */
    private static final byte[] JTAG_TO_SWD = {
        -1, -1, -1, -1, -1, -1, -1, (byte) 0x9E, (byte) 0xE7, -1, -1, -1, -1, -1, -1, -1, 0x00};
    private static final int JTAG_TO_SWD_BITS = 136;

    private final TargetCable cable;
    private long clockHz;
    private TargetConnection attached;
    private int select = -1;
    private boolean selectKnown;
    private int generation;

    SwdEngine(TargetCable cable, long initialClockHz) {
        this.cable = cable;
        this.clockHz = initialClockHz;
    }

    /** Changes whenever AP state cached by the layers above may no longer hold (new board, new connection). */
    int generation() {
        return generation;
    }

    long clockHz() {
        return clockHz;
    }

    void setClockHz(long hz) {
        this.clockHz = hz;
    }

    /** The board's supply as the VREF pin sees it; 0 with an empty fixture. */
    double targetVoltage() {
        return cable.board().map(TargetConnection::targetVoltage).orElse(0.0);
    }

    /**
     * Connects as the firmware does on entering SWD mode: JTAG-to-SWD switch with line resets, the mandatory
     * DPIDR read, sticky flags cleared, debug and system power-up requested and acknowledged.
     *
     * @return the DPIDR
     */
    int connect() throws StlinkError {
        TargetConnection board = requireBoard(StlinkStatus.GET_IDCODE_ERROR);
        selectKnown = false;
        generation++;
        cable.syncBoardToProbe(board);
        applyClock(board);
        board.swd().sequence(JTAG_TO_SWD_BITS, JTAG_TO_SWD);
        cable.syncProbeToBoard(board);
        int dpidr;
        try {
            dpidr = readDp(DP_DPIDR);
        } catch (StlinkError e) {
            throw new StlinkError(StlinkStatus.GET_IDCODE_ERROR, "no SW-DP answered the DPIDR read: " + e.getMessage());
        }
        writeDp(DP_ABORT, ABORT_CLEAR_STICKY);
        writeDp(DP_CTRL_STAT, POWER_UP_REQUEST);
        for (int poll = 0; poll < POWER_UP_POLLS; poll++) {
            if ((readDp(DP_CTRL_STAT) & POWER_UP_ACK) == POWER_UP_ACK) {
                return dpidr;
            }
        }
        throw new StlinkError(StlinkStatus.DP_ERROR, "the debug port did not acknowledge power-up");
    }

    /** Reads the DPIDR without reconnecting. */
    int readIdcode() throws StlinkError {
        try {
            return readDp(DP_DPIDR);
        } catch (StlinkError e) {
            throw new StlinkError(StlinkStatus.GET_IDCODE_ERROR, e.getMessage());
        }
    }

    /** A DP register; {@code address} bits 7:4 select the DP bank (CTRLSEL on DPv1), bits 3:2 the register. */
    int readDp(int address) throws StlinkError {
        selectDpBank(address);
        return transact(false, true, address & 0xC, 0, false).data();
    }

    void writeDp(int address, int value) throws StlinkError {
        if ((address & 0xC) == DP_SELECT) {
            transact(false, false, DP_SELECT, value, false);
            select = value;
            selectKnown = true;
            return;
        }
        if ((address & 0xC) != DP_ABORT) {
            selectDpBank(address);
        }
        transact(false, false, address & 0xC, value, false);
    }

    /** A complete AP register read: the posted read, then RDBUFF for its result. */
    int readAp(int ap, int register) throws StlinkError {
        postApRead(ap, register);
        return readRdbuff();
    }

    void writeAp(int ap, int register, int value) throws StlinkError {
        selectAp(ap, register);
        transact(true, false, register & 0xC, value, true);
    }

    /** Starts an AP read; the data returned is the result of the previous AP read (posted reads). */
    int postApRead(int ap, int register) throws StlinkError {
        selectAp(ap, register);
        return transact(true, true, register & 0xC, 0, true).data();
    }

    /** The result of the last AP read; also flushes buffered AP writes, reporting their errors. */
    int readRdbuff() throws StlinkError {
        return transact(false, true, DP_RDBUFF, 0, true).data();
    }

    /** Clears every sticky flag after a FAULT so that the next command starts clean; failures are moot here. */
    void clearStickyErrors() {
        try {
            writeDp(DP_ABORT, ABORT_CLEAR_STICKY);
        } catch (StlinkError ignored) {
            // the DP is unreachable; the next command reports that itself
        }
    }

    private void selectAp(int ap, int register) throws StlinkError {
        int dpBank = selectKnown ? select & 0xF : 0;
        ensureSelect((ap & 0xFF) << 24 | register & 0xF0 | dpBank);
    }

    private void selectDpBank(int address) throws StlinkError {
        if ((address & 0xC) != DP_CTRL_STAT) {
            return; // only CTRL/STAT is banked on a DPv1
        }
        int keep = selectKnown ? select & ~0xF : 0;
        ensureSelect(keep | (address >> 4) & 0xF);
    }

    private void ensureSelect(int wanted) throws StlinkError {
        if (selectKnown && select == wanted) {
            return;
        }
        selectKnown = false;
        transact(false, false, DP_SELECT, wanted, false);
        select = wanted;
        selectKnown = true;
    }

    /**
     * One transaction with the firmware's WAIT retries. {@code apStatus} reports failures with the AP codes
     * (RDBUFF collects an AP result, so its failures are the AP's).
     */
    private SwdResponse transact(boolean ap, boolean read, int address, int data, boolean apStatus)
            throws StlinkError {
        TargetConnection board = requireBoard(apStatus ? StlinkStatus.AP_ERROR : StlinkStatus.DP_ERROR);
        cable.syncBoardToProbe(board);
        try {
            applyClock(board);
            for (int waits = 0; ; ) {
                SwdResponse response = board.swd().transfer(ap, read, address, data);
                switch (response.ack()) {
                    case OK -> {
                        if (read && !response.parityOk()) {
                            throw new StlinkError(apStatus ? StlinkStatus.AP_PARITY_ERROR : StlinkStatus.DP_PARITY_ERROR,
                                    "parity error in read data");
                        }
                        return response;
                    }
                    case WAIT -> {
                        if (++waits >= MAX_WAITS_IN_A_ROW) {
                            throw new StlinkError(apStatus ? StlinkStatus.AP_WAIT : StlinkStatus.DP_WAIT,
                                    "target answered WAIT " + waits + " times in a row");
                        }
                    }
                    case FAULT -> throw new StlinkError(apStatus ? StlinkStatus.AP_FAULT : StlinkStatus.DP_FAULT,
                            "target answered FAULT");
                    case NO_RESPONSE -> {
                        selectKnown = false;
                        throw new StlinkError(apStatus ? StlinkStatus.AP_ERROR : StlinkStatus.DP_ERROR,
                                "no answer from the target");
                    }
                    default -> throw new IllegalStateException("unknown ACK " + response.ack());
                }
            }
        } finally {
            cable.syncProbeToBoard(board);
        }
    }

    private TargetConnection requireBoard(int status) throws StlinkError {
        TargetConnection board = cable.board().orElse(null);
        if (board == null) {
            attached = null;
            selectKnown = false;
            throw new StlinkError(status, "no target in the fixture");
        }
        if (board != attached) {
            // a different board: nothing the firmware cached about the last one holds
            attached = board;
            selectKnown = false;
            generation++;
        }
        return board;
    }

    private void applyClock(TargetConnection board) {
        if (board.swd().clockHz() != clockHz) {
            board.swd().setClockHz(clockHz);
        }
    }
}
