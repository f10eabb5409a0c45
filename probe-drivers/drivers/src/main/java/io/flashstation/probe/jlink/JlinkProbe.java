package io.flashstation.probe.jlink;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.MemoryPort;
import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeIndication;
import io.flashstation.probe.ProbeInfo;
import io.flashstation.usb.HostClock;
import io.flashstation.usb.UsbLink;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An opened J-Link with SWD selected: DP/AP transfers go out as raw SWD packets through the SWD I/O command,
 * reset through HW_RESET0/1, voltage from GET_HW_STATUS. It has no LEDs the host can drive and no firmware memory
 * access, so {@link #indicate} does nothing and {@link #memoryPort} is empty.
 */
public final class JlinkProbe implements DebugProbe {

    private static final System.Logger LOG = System.getLogger(JlinkProbe.class.getName());

    private final ProbeInfo info;
    private final UsbLink link;
    private final JlinkTransport transport;
    private final JlinkCommands commands;
    private final SwdPacketRunner runner;
    private final JlinkSpeeds speeds;
    private final int hardwareVersion;
    private boolean resetAsserted;

    JlinkProbe(ProbeInfo info, UsbLink link, JlinkTransport transport, JlinkCommands commands,
            SwdPacketRunner runner, JlinkSpeeds speeds, int hardwareVersion) {
        this.info = info;
        this.link = link;
        this.transport = transport;
        this.commands = commands;
        this.runner = runner;
        this.speeds = speeds;
        this.hardwareVersion = hardwareVersion;
    }

    @Override
    public ProbeInfo info() {
        return info;
    }

    /** GET_HW_VERSION's decimal-coded word (e.g. 10000 = V1.00), 0 when the probe cannot tell (jlink.md §2.4). */
    public int hardwareVersion() {
        return hardwareVersion;
    }

    @Override
    public OptionalDouble targetVoltage() throws ProbeException {
        return OptionalDouble.of(commands.targetMillivolts() / 1000.0);
    }

    /**
     * SET_SPEED takes whole kHz, so the request is rounded down to a kHz, capped at the probe's maximum; the probe
     * then makes the fastest clock of base / n at or below it (jlink.md §2.7).
     */
    @Override
    public long setSwdClock(long requestedHz) throws ProbeException {
        long capped = Math.min(requestedHz, info.maxSwdHz());
        int khz = (int) (capped / 1000);
        if (khz < 1) {
            throw new IllegalArgumentException("a J-Link clocks SWD at 1 kHz or more, not " + requestedHz + " Hz");
        }
        commands.setSpeed(khz);
        long hz = khz * 1000L;
        return speeds == null ? hz : speeds.nearestAtOrBelow(hz);
    }

    @Override
    public int connect() throws ProbeException {
        return runner.connect();
    }

    @Override
    public DapBatch newBatch() {
        return new JlinkDapBatch(runner);
    }

    @Override
    public void setResetLine(boolean asserted) throws ProbeException {
        commands.driveReset(asserted);
        resetAsserted = asserted;
    }

    @Override
    public void indicate(ProbeIndication indication) {
        // J-Links offer the host no LED command (jlink.md §2.1)
    }

    @Override
    public Optional<MemoryPort> memoryPort() {
        return Optional.empty();
    }

    @Override
    public HostClock clock() {
        return link.clock();
    }

    @Override
    public ProbeCounters counters() {
        return new ProbeCounters(transport.roundTrips(), runner.transfers());
    }

    /** Releases nRESET if this driver holds it, so the board is not left in reset, then closes the link. */
    @Override
    public void close() {
        if (resetAsserted) {
            try {
                commands.driveReset(false);
            } catch (ProbeException e) {
                LOG.log(System.Logger.Level.DEBUG, "could not release nRESET on close: {0}", e.getMessage());
            }
        }
        link.close();
    }
}
