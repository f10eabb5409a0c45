package io.flashstation.probe.jlink;

import io.flashstation.probe.ProbeException;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.jlink.JLinkProfile;
import io.flashstation.sim.jlink.VirtualJLink;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.usb.UsbDeviceInfo;

/** One virtual J-Link on a virtual USB bus, its fixture holding a lab board or nothing, opened by our driver. */
final class JlinkLab implements AutoCloseable {

    static final String PORT = "1-1";

    final VirtualUsbBus bus = new VirtualUsbBus();
    final Fixture fixture = new Fixture();
    final VirtualJLink jlink;
    final UsbDeviceInfo device;
    final VirtualBoard board;
    final JlinkDriver driver = new JlinkDriver();

    private JlinkLab(JLinkProfile profile, boolean withBoard) {
        jlink = new VirtualJLink(profile, fixture);
        board = withBoard ? VirtualBoard.open(BoardConfig.labBoard(0)) : null;
        if (board != null) {
            fixture.insert(board);
        }
        device = bus.plug(jlink, PORT);
    }

    static JlinkLab withBoard(JLinkProfile profile) {
        return new JlinkLab(profile, true);
    }

    static JlinkLab emptyFixture(JLinkProfile profile) {
        return new JlinkLab(profile, false);
    }

    JlinkProbe open() throws ProbeException {
        return (JlinkProbe) driver.open(bus, device);
    }

    @Override
    public void close() {
        bus.close();
    }
}
