package io.flashstation.sim.cmsisdap;

/**
 * The SWJ pins as DAP_SWJ_Pins drives and reads them (cmsis-dap.md §4.1). Output pins keep the level last written
 * (high after power-up and after DAP_Connect); nRESET is an open-drain line, so writing it low asserts the board's
 * NRST and writing it high lets it go. Nothing on the target side pulls a pin against the probe, so every pin reads
 * back what was driven, TDO (unused in SWD) reads its pull-up, and a PinWait ends at once.
 */
final class SwjPins {

    private static final int OUTPUTS = DapProtocol.PIN_SWCLK | DapProtocol.PIN_SWDIO | DapProtocol.PIN_TDI
            | DapProtocol.PIN_NTRST | DapProtocol.PIN_NRESET;

    private final SwdLine line;
    private int levels = OUTPUTS;

    SwjPins(SwdLine line) {
        this.line = line;
    }

    /** Drives the pins selected in {@code select} to their level in {@code out}; returns the levels read back. */
    int drive(int out, int select) {
        int selected = select & OUTPUTS;
        levels = (levels & ~selected) | (out & selected);
        if ((selected & DapProtocol.PIN_NRESET) != 0) {
            line.driveReset((levels & DapProtocol.PIN_NRESET) == 0);
        }
        return read();
    }

    int read() {
        return levels | DapProtocol.PIN_TDO;
    }

    /** DAP_Connect sets SWCLK, SWDIO and nRESET up as outputs at a high level, so a held reset is let go. */
    void portSetUp() {
        drive(OUTPUTS, DapProtocol.PIN_SWCLK | DapProtocol.PIN_SWDIO | DapProtocol.PIN_NRESET);
    }

    /** DAP_Disconnect turns the pins to high impedance; the board's pull-up releases NRST. */
    void portOff() {
        drive(DapProtocol.PIN_NRESET, DapProtocol.PIN_NRESET);
    }
}
