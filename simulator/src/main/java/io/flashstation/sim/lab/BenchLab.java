package io.flashstation.sim.lab;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.time.TimingProfile;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.usb.UsbBus;

/**
 * One virtual probe on a virtual USB bus whose fixture takes lab boards one after another, as an operator swaps
 * boards on a station slot: the rig {@code flash-station bench} measures a probe class on.
 */
public final class BenchLab implements AutoCloseable {

    private static final String PORT = "1-1";

    private final VirtualUsbBus bus = new VirtualUsbBus();
    private final Fixture fixture = new Fixture();
    private final TimingProfile timing;

    private BenchLab(TimingProfile timing) {
        this.timing = timing;
    }

    /**
     * A lab with one probe of class {@code kindId} (a {@link VirtualProbeFactory#kinds()} id) plugged in and an
     * empty fixture; boards get {@code timing}.
     */
    public static BenchLab of(String kindId, TimingProfile timing) {
        BenchLab lab = new BenchLab(timing);
        lab.bus.plug(VirtualProbeFactory.create(kindId, 1, lab.fixture).orElseThrow(() ->
                new IllegalArgumentException("the virtual lab has no probe of class '" + kindId + "'")), PORT);
        return lab;
    }

    /** The bus the probe is on, as a host sees it. */
    public UsbBus bus() {
        return bus;
    }

    /** Swaps the board in the fixture for a fresh lab board number {@code index}, and returns it. */
    public VirtualBoard insertBoard(int index) {
        fixture.remove();
        VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(index).withTiming(timing));
        fixture.insert(board);
        return board;
    }

    @Override
    public void close() {
        bus.close();
    }
}
