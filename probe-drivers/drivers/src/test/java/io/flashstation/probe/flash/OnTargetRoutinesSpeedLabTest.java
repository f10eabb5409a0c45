package io.flashstation.probe.flash;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.ProbeDriver;
import io.flashstation.probe.cmsisdap.CmsisDapDriver;
import io.flashstation.probe.jlink.JlinkDriver;
import io.flashstation.probe.lab.LabBench;
import io.flashstation.probe.lab.TestImages;
import io.flashstation.probe.stlink.StlinkDriver;
import io.flashstation.probe.target.SectorLayout;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.cmsisdap.CmsisDapBulkDevice;
import io.flashstation.sim.cmsisdap.CmsisDapHidDevice;
import io.flashstation.sim.jlink.JLinkProfile;
import io.flashstation.sim.jlink.VirtualJLink;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.usb.VirtualUsbDevice;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The CircuitPython-layout image through each probe class programmed by our loader on the core and verified by
 * on-target CRC, against the TIMING.md §5 floor for CRC verification (images/README.md), with the read-back verify
 * floor for comparison.
 */
class OnTargetRoutinesSpeedLabTest {

    private static final int IMAGE_BYTES = TestImages.circuitPythonLayout().length;

    /**
     * @param floor            the class's §5 floor with on-target CRC verification (images/README.md)
     * @param swdHz            the class's maximum SWD clock
     * @param payloadBytesPerS the class's B_eff
     */
    private static void measure(String kind, Function<Fixture, VirtualUsbDevice> probeMaker, ProbeDriver driver,
            double floor, double swdHz, double payloadBytesPerS) throws Exception {
        // TIMING.md §5: verify, read-back = max(R × 46 / f, 4R / B_eff)
        double readBackVerify = Math.max(IMAGE_BYTES / 4 * 46 / swdHz, IMAGE_BYTES / payloadBytesPerS);
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.circuitPythonLayout();
        FlashResult result;
        try (LabBench bench = LabBench.of(probeMaker, driver, board)) {
            result = new FlashSession(bench.probe(), FlashPolicy.defaults().withFlashLoader(true).withOnTargetCrc(true),
                    FlashProgressListener.NONE).run(FlashImage.of(SectorLayout.FLASH_BASE, image));
        }
        assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
        assertThat(result.message()).contains("on-target loader").contains("on-target CRC");
        assertThat(Arrays.copyOf(board.chip().flashImage(), image.length)).isEqualTo(image);
        double seconds = result.total().toNanos() / 1e9;
        double verify = result.phaseDurations().get(FlashPhase.VERIFY).toNanos() / 1e9;
        double program = result.phaseDurations().get(FlashPhase.PROGRAM).toNanos() / 1e9;
        System.out.printf("%s with loader and on-target CRC: session %.3f s, floor %.3f s, ratio %.3f; program "
                + "%.3f s; verify %.4f s (read-back floor %.3f s, %.1fx)%n", kind, seconds, floor, seconds / floor,
                program, verify, readBackVerify, readBackVerify / verify);
        assertThat(seconds).isGreaterThan(0.98 * floor); // TIMING.md §5
        // 434,176 bytes at 11 cycles on a 64 MHz core (75 ms) and the routine's table, plus a few dozen round trips
        // to set the clock, load the routine and read its result (2.5 ms each on HID)
        assertThat(verify).isGreaterThan(0.075).isLessThan(Math.min(0.2, readBackVerify / 5));
    }

    @Test
    void cmsisDapV2HighSpeed() throws Exception {
        measure("cmsis-dap-v2-hs", fixture -> CmsisDapBulkDevice.nanoDapHs(1, fixture), new CmsisDapDriver(),
                5.76, 10e6, 40e6);
    }

    @Test
    void cmsisDapV2FullSpeed() throws Exception {
        measure("cmsis-dap-v2-fs", fixture -> CmsisDapBulkDevice.xiaoDaplink(1, fixture), new CmsisDapDriver(),
                5.76, 4e6, 1e6);
    }

    @Test
    void cmsisDapV1() throws Exception {
        measure("cmsis-dap-v1", fixture -> CmsisDapHidDevice.daplink(1, fixture), new CmsisDapDriver(),
                11.78, 4e6, 56_000);
    }

    @Test
    void stlinkV2() throws Exception {
        measure("stlink-v2", fixture -> new VirtualStlink(StlinkModel.V2, "0668FF505271754867183630", fixture),
                new StlinkDriver(), 5.76, 4e6, 1e6);
    }

    @Test
    void jlinkOb() throws Exception {
        measure("jlink-ob", fixture -> new VirtualJLink(JLinkProfile.armObStm32Clone(), fixture),
                new JlinkDriver(), 5.76, 4e6, 1e6 / 3);
    }
}
