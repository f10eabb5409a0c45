package io.flashstation.probe.lab;

import io.flashstation.probe.ProbeDriver;
import io.flashstation.probe.cmsisdap.CmsisDapDriver;
import io.flashstation.probe.jlink.JlinkDriver;
import io.flashstation.probe.stlink.StlinkDriver;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.cmsisdap.CmsisDapBulkDevice;
import io.flashstation.sim.cmsisdap.CmsisDapHidDevice;
import io.flashstation.sim.jlink.JLinkProfile;
import io.flashstation.sim.jlink.VirtualJLink;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.usb.VirtualUsbDevice;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Every virtual probe family of the lab, each as the station meets it: a USB device one of our drivers claims. */
public enum LabProbe {
    CMSIS_DAP_V1_DAPLINK(fixture -> CmsisDapHidDevice.daplink(1, fixture)),
    CMSIS_DAP_V2_FS_XIAO(fixture -> CmsisDapBulkDevice.xiaoDaplink(1, fixture)),
    CMSIS_DAP_V2_HS_NANODAP(fixture -> CmsisDapBulkDevice.nanoDapHs(1, fixture)),
    STLINK_V2(fixture -> new VirtualStlink(StlinkModel.V2, LabProbe.STLINK_SERIAL, fixture)),
    STLINK_V2_1(fixture -> new VirtualStlink(StlinkModel.V2_1, LabProbe.STLINK_SERIAL, fixture)),
    STLINK_V3(fixture -> new VirtualStlink(StlinkModel.V3, LabProbe.STLINK_SERIAL, fixture)),
    JLINK_OB_STM32_CLONE(fixture -> new VirtualJLink(JLinkProfile.armObStm32Clone(), fixture)),
    JLINK_OB_GENUINE(fixture -> new VirtualJLink(JLinkProfile.genuineOb(), fixture));

    private static final String STLINK_SERIAL = "0668FF505271754867183630";

    private final Function<Fixture, VirtualUsbDevice> maker;

    LabProbe(Function<Fixture, VirtualUsbDevice> maker) {
        this.maker = maker;
    }

    /** The drivers the station tries on every new device. */
    public static List<ProbeDriver> allDrivers() {
        return List.of(new CmsisDapDriver(), new StlinkDriver(), new JlinkDriver());
    }

    /** A new virtual probe of this family wired to {@code fixture}. */
    public VirtualUsbDevice build(Fixture fixture) {
        return maker.apply(fixture);
    }

    /** A bench with this probe, opened by whichever driver recognises it; {@code board} may be null. */
    public LabBench bench(VirtualBoard board) {
        return LabBench.recognising(this::build, allDrivers(), board);
    }

    /** Like {@link #bench}, with the probe inside an {@link UnpluggingDevice} handed to {@code wrapped}. */
    public LabBench benchUnplugging(VirtualBoard board, Consumer<UnpluggingDevice> wrapped) {
        return LabBench.recognising(fixture -> {
            UnpluggingDevice device = new UnpluggingDevice(build(fixture));
            wrapped.accept(device);
            return device;
        }, allDrivers(), board);
    }
}
