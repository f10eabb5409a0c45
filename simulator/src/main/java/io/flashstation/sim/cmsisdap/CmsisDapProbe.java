package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.time.VirtualClock;

/**
 * The firmware of one virtual CMSIS-DAP probe, independent of how its packets travel over USB: it buffers command
 * packets, runs them on the board in its fixture in the probe's own virtual time and hands back answers with the
 * instant each was ready (cmsis-dap.md §1, §7.4, §11.3; TIMING.md §3). Safe to call from several threads.
 */
public final class CmsisDapProbe {

    private final ProbeIdentity identity;
    private final Fixture fixture;
    private final VirtualClock clock = new VirtualClock();
    private final FixtureSession session;
    private final DapCommandProcessor processor;
    private final CommandPipeline pipeline;

    public CmsisDapProbe(ProbeIdentity identity, Fixture fixture) {
        this.identity = identity;
        this.fixture = fixture;
        this.session = new FixtureSession(fixture);
        ProbeSettings settings = new ProbeSettings(identity.maxSwdClockHz());
        SwdLine line = new SwdLine(session, clock, settings);
        TransferAbortSignal abort = new TransferAbortSignal(clock);
        this.processor = new DapCommandProcessor(identity, clock, settings, line, abort);
        this.pipeline = new CommandPipeline(processor, clock, abort, identity.packetCount());
    }

    public ProbeIdentity identity() {
        return identity;
    }

    /** The board holder wired to this probe. */
    public Fixture fixture() {
        return fixture;
    }

    /** The LEDs as the host last set them with DAP_HostStatus. */
    public synchronized ProbeLeds leds() {
        return processor.leds();
    }

    /** The probe's virtual time: the end of the last command it ran. */
    public synchronized long nanos() {
        return clock.nanos();
    }

    /** A command packet from the host arriving at {@code arrivalNanos}. */
    public synchronized void receive(byte[] packet, long arrivalNanos) {
        pipeline.receive(packet, arrivalNanos);
    }

    /** The next answer for the host, or null when there is none (yet). */
    public synchronized Answer nextAnswer() {
        return pipeline.next();
    }

    /** A host opened the probe: the board in the fixture takes part in its session from now. */
    public synchronized void hostOpened(long nanos) {
        clock.advanceTo(nanos);
        session.hostOpened();
    }

    /** The host closed the probe: commands it left behind still run, then the board's session ends. */
    public synchronized void hostClosed(long nanos) {
        pipeline.drain();
        clock.advanceTo(nanos);
        session.hostClosed();
    }

    /** One answer packet, unframed, and the probe time it was ready. */
    public record Answer(byte[] data, long readyNanos) {
    }
}
