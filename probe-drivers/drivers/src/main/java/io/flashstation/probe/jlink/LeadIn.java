package io.flashstation.probe.jlink;

/** Line sequences sent ahead of the packets of an SWD I/O call (jlink.md §3.7). */
enum LeadIn {
    /** Straight to the packets. */
    NONE,
    /** A line reset, after which the DP answers only a DPIDR read. */
    LINE_RESET,
    /** The JTAG-to-SWD switch, which ends in a line reset. */
    JTAG_TO_SWD;

    void appendTo(SwdIoSequence seq) {
        switch (this) {
            case NONE -> { }
            case LINE_RESET -> SwdWireLayout.appendLineReset(seq);
            case JTAG_TO_SWD -> SwdWireLayout.appendJtagToSwd(seq);
        }
    }
}
