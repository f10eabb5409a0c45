package io.flashstation.probe.stlink;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeException;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.usb.UsbDeviceInfo;
import java.util.function.Function;

/** A virtual ST-Link plugged into a virtual USB bus, its fixture holding a lab board or nothing. */
final class StlinkBench implements AutoCloseable {

    static final String PORT = "1-1";
    static final String SERIAL = "0668FF505271754867183630";

    final VirtualUsbBus bus = new VirtualUsbBus();
    final Fixture fixture = new Fixture();
    final VirtualStlink stlink;
    final UsbDeviceInfo device;

    /** {@code wrapper} decides what is plugged: the probe itself, or a test device around it. */
    private StlinkBench(StlinkModel model, String serial, boolean withBoard,
            Function<VirtualStlink, VirtualUsbDevice> wrapper) {
        if (withBoard) {
            fixture.insert(VirtualBoard.open(BoardConfig.labBoard(0)));
        }
        stlink = new VirtualStlink(model, serial, fixture);
        device = bus.plug(wrapper.apply(stlink), PORT);
    }

    static StlinkBench withBoard(StlinkModel model) {
        return new StlinkBench(model, SERIAL, true, stlink -> stlink);
    }

    static StlinkBench emptyFixture(StlinkModel model) {
        return new StlinkBench(model, SERIAL, false, stlink -> stlink);
    }

    static StlinkBench withSerial(StlinkModel model, String serial) {
        return new StlinkBench(model, serial, true, stlink -> stlink);
    }

    static StlinkBench wrapped(StlinkModel model, Function<VirtualStlink, VirtualUsbDevice> wrapper) {
        return new StlinkBench(model, SERIAL, true, wrapper);
    }

    DebugProbe open() throws ProbeException {
        return new StlinkDriver().open(bus, device);
    }

    /** Opens the probe and connects it to the board. */
    DebugProbe connected() throws ProbeException {
        DebugProbe probe = open();
        probe.connect();
        return probe;
    }

    @Override
    public void close() {
        bus.close();
    }
}
