package io.flashstation.sim.core;

/** What the processor is doing, as far as the debugger can tell. */
public enum RunState {
    /** Executing instructions (or sleeping in WFI/WFE). */
    RUNNING,
    /** In Debug state: registers are reachable through DCRSR/DCRDR. */
    HALTED,
    /** Stopped by an unrecoverable fault (a failed reset-vector fetch, a double fault). */
    LOCKUP,
    /** Held in reset by NRST. */
    IN_RESET
}
