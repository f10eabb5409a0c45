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
import java.util.List;
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

    private LabBench(Function<Fixture, VirtualUsbDevice> probeMaker, Function<UsbDeviceInfo, ProbeDriver> driverFor) {
        this.device = bus.plug(probeMaker.apply(fixture), PORT);
        this.driver = driverFor.apply(device);
    }

    /** A bench with the given virtual probe and its driver; {@code board} may be null for an empty fixture. */
    public static LabBench of(Function<Fixture, VirtualUsbDevice> probeMaker, ProbeDriver driver, VirtualBoard board) {
        return withBoard(new LabBench(probeMaker, device -> driver), board);
    }

    /**
     * A bench whose driver is the one of {@code drivers} that recognises the plugged probe, as the station picks
     * it; exactly one must. {@code board} may be null for an empty fixture.
     */
    public static LabBench recognising(Function<Fixture, VirtualUsbDevice> probeMaker, List<ProbeDriver> drivers,
            VirtualBoard board) {
        return withBoard(new LabBench(probeMaker, device -> onlyRecogniser(drivers, device)), board);
    }

    private static ProbeDriver onlyRecogniser(List<ProbeDriver> drivers, UsbDeviceInfo device) {
        List<ProbeDriver> recognisers = drivers.stream().filter(d -> d.recognises(device)).toList();
        if (recognisers.size() != 1) {
            throw new IllegalStateException(recognisers.size() + " drivers recognise " + device + ": " + recognisers);
        }
        return recognisers.get(0);
    }

    private static LabBench withBoard(LabBench bench, VirtualBoard board) {
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
