package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.MemoryPort;
import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeIndication;
import io.flashstation.probe.ProbeInfo;
import io.flashstation.probe.SelectTracker;
import io.flashstation.usb.HostClock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An opened CMSIS-DAP probe in SWD mode. The firmware runs whole SWD transfers, so the driver only has to keep
 * SELECT in step and pack transfers well ({@link CmsisDapBatch}); there is no firmware memory access and no
 * standard target-voltage query (cmsis-dap.md §2 lists no such command).
 */
final class CmsisDapDebugProbe implements DebugProbe {

    /**
     * JTAG-to-SWD as one DAP_SWJ_Sequence (adiv5-swd-jtag.md §2, cmsis-dap.md §4.3): 56 ones, 0xE79E LSB first,
     * 56 ones (the line reset that leaves the SW-DP in its reset state), 8 idle zeros — 136 bits.
     */
    private static final byte[] JTAG_TO_SWD = {
        -1, -1, -1, -1, -1, -1, -1, (byte) 0x9E, (byte) 0xE7, -1, -1, -1, -1, -1, -1, -1, 0x00
    };
    private static final int JTAG_TO_SWD_BITS = 136;
    private static final int DP_DPIDR = 0x0;

    private final ProbeInfo info;
    private final DapChannel channel;
    private final int packetSize;
    private final SelectTracker select = new SelectTracker();
    private boolean closed;

    CmsisDapDebugProbe(ProbeInfo info, DapChannel channel, int packetSize) {
        this.info = info;
        this.channel = channel;
        this.packetSize = packetSize;
    }

    @Override
    public ProbeInfo info() {
        return info;
    }

    @Override
    public OptionalDouble targetVoltage() {
        return OptionalDouble.empty();
    }

    /** DAP_SWJ_Clock takes a maximum and cannot say what it chose (§4.2), so the answer is the request, capped. */
    @Override
    public long setSwdClock(long requestedHz) throws ProbeException {
        if (requestedHz <= 0) {
            throw new IllegalArgumentException("an SWD clock must be positive: " + requestedHz);
        }
        long hz = Math.min(requestedHz, info.maxSwdHz());
        DapCommands.requireOk(channel.exchange(DapCommands.swjClock(hz)), "DAP_SWJ_Clock " + hz + " Hz");
        return hz;
    }

    @Override
    public int connect() throws ProbeException {
        DapCommands.requireOk(channel.exchange(DapCommands.swjSequence(JTAG_TO_SWD_BITS, JTAG_TO_SWD)),
                "the JTAG-to-SWD sequence");
        select.invalidate(); // a line reset starts a new session with the DP
        DapBatch batch = newBatch();
        DapValue dpidr = batch.readDp(DP_DPIDR); // the first access after a line reset must be DPIDR
        batch.run();
        return dpidr.get();
    }

    @Override
    public DapBatch newBatch() {
        return new CmsisDapBatch(channel, select, packetSize);
    }

    /** nRESET through DAP_SWJ_Pins (§4.1); the answer only reads the pins back. */
    @Override
    public void setResetLine(boolean asserted) throws ProbeException {
        channel.exchange(DapCommands.swjPins(asserted ? 0 : DapCommands.PIN_NRESET, DapCommands.PIN_NRESET));
    }

    /**
     * The two DAP_HostStatus LEDs (§3.2): connect lit while the station works on the board, running lit while the
     * target runs. Idle and fail show both dark (nothing attached, nothing running); pass shows the target running
     * its new firmware; busy shows both.
     */
    @Override
    public void indicate(ProbeIndication indication) throws ProbeException {
        boolean connect = indication == ProbeIndication.CONNECTED || indication == ProbeIndication.BUSY;
        boolean running = indication == ProbeIndication.BUSY || indication == ProbeIndication.PASS;
        channel.stream(List.of(DapCommands.hostStatus(DapCommands.LED_CONNECT, connect),
                DapCommands.hostStatus(DapCommands.LED_RUNNING, running)), (index, answer) -> {
                    DapCommands.requireOk(answer, "DAP_HostStatus");
                    return true;
                });
    }

    @Override
    public Optional<MemoryPort> memoryPort() {
        return Optional.empty();
    }

    @Override
    public HostClock clock() {
        return channel.clock();
    }

    @Override
    public ProbeCounters counters() {
        return channel.counters();
    }

    /** Lets go of the target (pins to high impedance, §3.4) and the USB device; a probe already gone just closes. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.exchange(DapCommands.disconnect());
        } catch (ProbeException e) {
            // nothing to do about it: the link closes either way
        } finally {
            channel.close();
        }
    }
}
