package io.flashstation.probe.lab;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeDriver;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.cmsisdap.CmsisDapDriver;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.cmsisdap.CmsisDapBulkDevice;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.usb.UsbDeviceInfo;
import java.util.function.Function;

/**
 * A virtual probe on a virtual USB bus with one fixture, opened through a real driver: the rig every layer above
 * the probe is tested on. By default a nanoDAP-HS (CMSIS-DAP v2, high speed) through the CMSIS-DAP driver.
 */
public final class LabBench implements AutoCloseable {

    public static final String PORT = "1-1";

    public final VirtualUsbBus bus = new VirtualUsbBus();
    public final Fixture fixture = new Fixture();
    public final UsbDeviceInfo device;
    private final ProbeDriver driver;
    private DebugProbe probe;

    private LabBench(Function<Fixture, VirtualUsbDevice> probeMaker, ProbeDriver driver) {
        this.device = bus.plug(probeMaker.apply(fixture), PORT);
        this.driver = driver;
    }

    /** A bench with the given virtual probe and its driver; {@code board} may be null for an empty fixture. */
    public static LabBench of(Function<Fixture, VirtualUsbDevice> probeMaker, ProbeDriver driver, VirtualBoard board) {
        LabBench bench = new LabBench(probeMaker, driver);
        if (board != null) {
            bench.fixture.insert(board);
        }
        return bench;
    }

    /** A nanoDAP-HS bench whose fixture holds {@code board}. */
    public static LabBench with(VirtualBoard board) {
        return of(fixture -> CmsisDapBulkDevice.nanoDapHs(1, fixture), new CmsisDapDriver(), board);
    }

    /** A nanoDAP-HS bench with an empty fixture. */
    public static LabBench empty() {
        return with(null);
    }

    /** A fresh lab F411 board (index 7). */
    public static VirtualBoard f411() {
        return VirtualBoard.open(BoardConfig.labBoard(7));
    }

    /** The probe opened through the driver (once). */
    public DebugProbe probe() throws ProbeException {
        if (probe == null) {
            probe = driver.open(bus, device);
        }
        return probe;
    }

    @Override
    public void close() {
        if (probe != null) {
            probe.close();
        }
        bus.close();
    }
}
