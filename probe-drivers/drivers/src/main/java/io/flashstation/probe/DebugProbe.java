package io.flashstation.probe;

import io.flashstation.usb.HostClock;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An opened SWD probe: the small, batched interface everything above the drivers uses. DP and AP register
 * transfers are queued in a {@link DapBatch} and run in as few USB round trips as the probe allows. Used by
 * one thread at a time (a slot's worker).
 */
public interface DebugProbe extends AutoCloseable {

    ProbeInfo info();

    /** The target supply as the probe measures it, in volts; empty when this probe cannot measure it. */
    OptionalDouble targetVoltage() throws ProbeException;

    /** Asks for an SWD clock; returns the clock the probe actually uses (the nearest it supports at or below). */
    long setSwdClock(long requestedHz) throws ProbeException;

    /**
     * Attaches to the target's SW-DP: JTAG-to-SWD switch, line reset, DPIDR read. Returns DPIDR. Throws
     * {@link SwdTransferException} when nothing answers (no board, or a dead debug port).
     */
    int connect() throws ProbeException;

    /** A new, empty batch of DP/AP transfers. */
    DapBatch newBatch();

    /** Drives the target's NRST line: true asserts reset (pulls it low). */
    void setResetLine(boolean asserted) throws ProbeException;

    /** Shows the slot's state on the probe's indicator LEDs; does nothing on probes without them. */
    void indicate(ProbeIndication indication) throws ProbeException;

    /** Memory access run by the probe's firmware (ST-Link), when the probe has it; faster than DRW transfers. */
    Optional<MemoryPort> memoryPort();

    /** The host's clock on this probe's link: wall time on real USB, virtual time in the lab. */
    HostClock clock();

    /** USB round trips and SWD transfers so far. */
    ProbeCounters counters();

    /** Releases the probe (disconnecting from the target first if needed); never throws. */
    @Override
    void close();
}
