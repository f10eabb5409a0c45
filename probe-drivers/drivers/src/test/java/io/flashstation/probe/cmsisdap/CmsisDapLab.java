package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeException;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.cmsisdap.CmsisDapBulkDevice;
import io.flashstation.sim.cmsisdap.CmsisDapHidDevice;
import io.flashstation.sim.cmsisdap.CmsisDapUsbDevice;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.usb.UsbDeviceInfo;
import java.util.function.BiFunction;

/** One virtual CMSIS-DAP probe plugged into a virtual USB bus, a fixture that may hold a lab board, and our driver. */
final class CmsisDapLab implements AutoCloseable {

    /** The three virtual CMSIS-DAP probes of the lab. */
    enum Personality {
        DAPLINK_V1(CmsisDapHidDevice::daplink),
        XIAO_V2_FS(CmsisDapBulkDevice::xiaoDaplink),
        NANODAP_V2_HS(CmsisDapBulkDevice::nanoDapHs);

        private final BiFunction<Integer, Fixture, CmsisDapUsbDevice> factory;

        Personality(BiFunction<Integer, Fixture, CmsisDapUsbDevice> factory) {
            this.factory = factory;
        }

        CmsisDapUsbDevice build(Fixture fixture) {
            return factory.apply(1, fixture);
        }
    }

    static final String PORT = "1-4";

    final VirtualUsbBus bus = new VirtualUsbBus();
    final Fixture fixture;
    final VirtualUsbDevice device;
    final UsbDeviceInfo info;
    final CmsisDapDriver driver = new CmsisDapDriver();
    VirtualBoard board;

    CmsisDapLab(Personality personality) {
        this.fixture = new Fixture();
        this.device = personality.build(fixture);
        this.info = bus.plug(device, PORT);
    }

    /** A lab around a device built elsewhere on {@code fixture}. */
    CmsisDapLab(Fixture fixture, VirtualUsbDevice device) {
        this.fixture = fixture;
        this.device = device;
        this.info = bus.plug(device, PORT);
    }

    /** Puts lab board 0 (an STM32F411CE at RDP 0) in the fixture. */
    CmsisDapLab withBoard() {
        board = VirtualBoard.open(BoardConfig.labBoard(0));
        fixture.insert(board);
        return this;
    }

    DebugProbe open() throws ProbeException {
        return driver.open(bus, info);
    }

    @Override
    public void close() {
        bus.close();
    }
}
