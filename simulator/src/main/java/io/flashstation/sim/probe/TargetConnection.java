package io.flashstation.sim.probe;

import io.flashstation.sim.debug.SwdTransactionPort;
import io.flashstation.sim.debug.SwdWirePort;
import io.flashstation.sim.time.VirtualClock;

/** What a probe's target cable reaches on a board sitting in its fixture: the debug port, power and reset. */
public interface TargetConnection {

    /** The debug port per transaction (for probes whose firmware runs SWD). */
    SwdTransactionPort swd();

    /** The debug port per wire cycle (for probes that bit-bang SWD). */
    SwdWirePort wire();

    /** The board's supply as the probe's VREF pin measures it, in volts. */
    double targetVoltage();

    /** Drives the board's NRST line: true pulls it low (reset asserted). */
    void setResetLine(boolean asserted);

    /** The board's own clock; a probe brings it up to its own time before working on the board. */
    VirtualClock clock();

    /** A host session starts driving this board (statistics count from here). */
    void sessionStarted();

    /** The host session ended; the board records its state. */
    void sessionEnded();
}
