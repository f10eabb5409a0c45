package io.flashstation.probe.stlink;

import io.flashstation.probe.LittleEndian;
import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.MemoryPort;
import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeIndication;
import io.flashstation.probe.ProbeInfo;
import io.flashstation.usb.HostClock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** An opened ST-Link V2/V2-1/V3 in SWD mode: the firmware's own commands behind {@link DebugProbe}. */
final class StlinkProbe implements DebugProbe {

    /** GET_CURRENT_MODE values (stlink.md §3). */
    private static final int MODE_DFU = 0;
    private static final int MODE_DEBUG = 2;
    private static final int MODE_SWIM = 3;
    /** DPIDR is DP register 0x0 (read). */
    private static final int DP_DPIDR = 0x0;
    /** ENTER runs a line reset and a DPIDR read on the wire; counted as the one transfer. */
    private static final int ENTER_SWD_TRANSFERS = 1;

    private final ProbeInfo info;
    private final StlinkSession session;
    private final StlinkMemoryPort memory;
    private List<Integer> v3Clocks;

    StlinkProbe(ProbeInfo info, StlinkSession session) {
        this.info = info;
        this.session = session;
        this.memory = new StlinkMemoryPort(session);
    }

    /**
     * Leaves whatever mode the probe is in (stlink.md §9.1 step 3) so that {@link #connect} starts from a known
     * state: DFU and SWIM are exited, and a debug session a previous host left open is closed.
     */
    void leaveCurrentMode() throws ProbeException {
        byte[] mode = session.link().exchangeFull(StlinkCommand.currentMode());
        switch (mode[0] & 0xFF) {
            case MODE_DFU -> session.link().exchange(StlinkCommand.dfuExit());
            case MODE_DEBUG -> session.link().exchange(StlinkCommand.debugExit());
            case MODE_SWIM -> session.link().exchange(StlinkCommand.swimExit());
            default -> {
                // mass storage or bootloader: nothing to leave
            }
        }
    }

    @Override
    public ProbeInfo info() {
        return info;
    }

    /** volts = 2 × 1.2 × target reading / reference reading (stlink.md §8); 0 when the reference reads 0. */
    @Override
    public OptionalDouble targetVoltage() throws ProbeException {
        byte[] reply = session.link().exchangeFull(StlinkCommand.targetVoltage());
        long reference = Integer.toUnsignedLong(LittleEndian.u32(reply, 0));
        long target = Integer.toUnsignedLong(LittleEndian.u32(reply, 4));
        return OptionalDouble.of(reference == 0 ? 0.0 : 2 * 1.2 * target / reference);
    }

    @Override
    public long setSwdClock(long requestedHz) throws ProbeException {
        if (session.version().isV3()) {
            if (v3Clocks == null) {
                v3Clocks = StlinkSwdClock.v3Offered(session.exchangeChecked(StlinkCommand.getComFreq(), -1));
            }
            // the probe runs the listed clock it was given; OpenOCD relies on that too and reads nothing back
            int kHz = StlinkSwdClock.pick(v3Clocks, requestedHz);
            session.exchangeChecked(StlinkCommand.setComFreq(kHz), -1);
            return 1000L * kHz;
        }
        StlinkSwdClock.V2Divisor entry = StlinkSwdClock.v2Divisor(requestedHz);
        session.exchangeRetryingWait(StlinkCommand.swdSetFreq(entry.divisor()));
        return 1000L * entry.kHz();
    }

    /**
     * ENTER SWD (the firmware switches the line to SWD, resets it and reads DPIDR), INIT_AP 0 where the firmware
     * needs it, then DPIDR through the DAP register command, and CPUID to learn the TAR auto-increment boundary.
     */
    @Override
    public int connect() throws ProbeException {
        if (session.inDebugMode()) {
            session.link().exchange(StlinkCommand.debugExit());
            session.setDebugMode(false);
        }
        session.exchangeRetryingWait(StlinkCommand.enterSwd());
        session.counters().addSwdTransfers(ENTER_SWD_TRANSFERS);
        session.setDebugMode(true);
        session.ensureApInitialised(0, -1);
        DapBatch batch = newBatch();
        DapValue dpidr = batch.readDp(DP_DPIDR);
        batch.run();
        memory.learnBoundary();
        return dpidr.get();
    }

    @Override
    public DapBatch newBatch() {
        return new StlinkDapBatch(session);
    }

    /** DRIVE_NRST (stlink.md §4, 0x3C): 0 pulls NRST low, 1 lets it go. */
    @Override
    public void setResetLine(boolean asserted) throws ProbeException {
        session.exchangeRetryingWait(StlinkCommand.driveNrst(asserted));
    }

    /** ST-Links have no LEDs the host can drive (the activity LED is the firmware's own). */
    @Override
    public void indicate(ProbeIndication indication) {
        // nothing to show it on
    }

    @Override
    public Optional<MemoryPort> memoryPort() {
        return Optional.of(memory);
    }

    @Override
    public HostClock clock() {
        return session.clock();
    }

    @Override
    public ProbeCounters counters() {
        return session.counters().snapshot();
    }

    /** Leaves debug mode (so the target runs free of the probe) and releases the USB device. */
    @Override
    public void close() {
        try {
            if (session.inDebugMode()) {
                session.link().exchange(StlinkCommand.debugExit());
                session.setDebugMode(false);
            }
        } catch (ProbeException e) {
            // closing a probe that is gone or failing: the link is released below all the same
        } finally {
            session.link().close();
        }
    }
}
