package io.flashstation.sim.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.time.TimingProfile;
import io.flashstation.sim.usb.DeviceDescriptor;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbSpeed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each probe class id builds the virtual probe its fact sheet describes; a bench lab swaps boards in one fixture. */
class VirtualProbeFactoryTest {

    @ParameterizedTest
    @CsvSource({
        // cmsis-dap.md §12.1 (DAPLink 0d28:0204 HID, XIAO 2886:802f, nanoDAP-HS 0d28:0204 high speed)
        "cmsis-dap-v1, 0x0D28, 0x0204, FULL",
        "cmsis-dap-v2-fs, 0x2886, 0x802F, FULL",
        "cmsis-dap-v2-hs, 0x0D28, 0x0204, HIGH",
        // stlink.md §1: V2 0483:3748, V2-1 0483:374b, V3 0483:374f (high speed)
        "stlink-v2, 0x0483, 0x3748, FULL",
        "stlink-v2-1, 0x0483, 0x374B, FULL",
        "stlink-v3, 0x0483, 0x374F, HIGH",
        // jlink.md §1.1–1.2: SEGGER 1366:0101, full-speed bulk
        "jlink-ob, 0x1366, 0x0101, FULL"})
    void buildsTheProbeOfEachClass(String kind, String vendor, String product, UsbSpeed speed) {
        DeviceDescriptor descriptor = VirtualProbeFactory.create(kind, 1, new Fixture()).orElseThrow().descriptor();

        assertThat(descriptor.vendorId()).isEqualTo(Integer.decode(vendor));
        assertThat(descriptor.productId()).isEqualTo(Integer.decode(product));
        assertThat(descriptor.speed()).isEqualTo(speed);
    }

    @Test
    void listsTheClassesItCanBuildAndRefusesOthers() {
        assertThat(VirtualProbeFactory.kinds()).contains("cmsis-dap-v1", "cmsis-dap-v2-fs", "cmsis-dap-v2-hs",
                "stlink-v2", "stlink-v2-1", "stlink-v3", "jlink-ob");
        assertThat(VirtualProbeFactory.create("stlink-v9", 1, new Fixture())).isEmpty();
    }

    @Test
    void aBenchLabHasOneProbeAndTakesBoardsOneAfterAnother() throws Exception {
        try (BenchLab lab = BenchLab.of("stlink-v3", TimingProfile.MAX)) {
            List<UsbDeviceInfo> devices = lab.bus().devices();
            assertThat(devices).singleElement().satisfies(d -> assertThat(d.productId()).isEqualTo(0x374F));

            VirtualBoard first = lab.insertBoard(0);
            VirtualBoard second = lab.insertBoard(1);

            assertThat(second.uidHex()).isNotEqualTo(first.uidHex());
        }
    }

    @Test
    void aBenchLabForAClassTheLabLacksIsRefused() {
        assertThatThrownBy(() -> BenchLab.of("stlink-v9", TimingProfile.TYPICAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no probe of class 'stlink-v9'");
    }
}
