package io.flashstation.probe.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.cmsisdap.CmsisDapLab.Personality;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbTransferType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which USB devices the driver takes for CMSIS-DAP probes (cmsis-dap.md §12.2) and which it leaves alone. */
class CmsisDapRecognitionTest {

    private final CmsisDapDriver driver = new CmsisDapDriver();

    @ParameterizedTest
    @EnumSource(Personality.class)
    void recognisesEveryVirtualCmsisDapProbe(Personality personality) {
        // §12.2: v2 by the vendor interface named "CMSIS-DAP", v1 by the HID interface of a "CMSIS-DAP" product
        try (CmsisDapLab lab = new CmsisDapLab(personality)) {
            assertThat(driver.recognises(lab.info)).isTrue();
        }
    }

    @Test
    void leavesStLinksAlone() {
        // stlink.md: ST-Links are vendor-class bulk devices, but nothing in them says CMSIS-DAP
        for (StlinkModel model : StlinkModel.values()) {
            try (CmsisDapLab lab = new CmsisDapLab(new Fixture(), new VirtualStlink(model, "STL1", new Fixture()))) {
                assertThat(driver.recognises(lab.info)).as(model.name()).isFalse();
            }
        }
    }

    @Test
    void leavesAPlainHidDeviceAlone() {
        // §12.2: a HID interface counts only on a device whose product string says CMSIS-DAP
        UsbDeviceInfo keyboard = device(0x046D, 0xC31C, "USB Keyboard", hid(0, null));
        assertThat(driver.recognises(keyboard)).isFalse();
    }

    @Test
    void leavesAVendorBulkInterfaceWithoutTheNameAlone() {
        // §12.2: a v2 interface must say CMSIS-DAP in its own string
        UsbDeviceInfo adapter = device(0x1234, 0x5678, "Some adapter", bulk(0, 0xFF, "Vendor interface", 64));
        assertThat(driver.recognises(adapter)).isFalse();
    }

    @Test
    void aCmsisDapNameOnAnotherClassIsNotAV2Interface() {
        // §11.2: class FF/00/00 with bulk OUT then bulk IN
        UsbDeviceInfo cdc = device(0x1234, 0x5678, "Bridge", bulk(0, 0x0A, "CMSIS-DAP v2", 64));
        assertThat(driver.recognises(cdc)).isFalse();
    }

    @Test
    void aKnownVidPidMakesItsHidInterfaceACmsisDapOneWithoutTheProductString() {
        // §12.1 known IDs; §12.2 OpenOCD with a VID:PID filter takes the HID interface whatever the product says
        UsbDeviceInfo lpcLink2 = device(0x1FC9, 0x0090, "LPC-LINK2", hid(0, null));
        assertThat(driver.recognises(lpcLink2)).isTrue();
    }

    @Test
    void aHidInterfaceNamedCmsisDapCountsOnAComposite() {
        // §11.1: for composite devices the interface string may carry the marker instead of the product
        UsbDeviceInfo composite = device(0x1234, 0x5678, "Multi tool", hid(0, null), hid(1, "CMSIS-DAP"));
        assertThat(DapInterface.find(composite)).map(DapInterface::number).contains(1);
    }

    @Test
    void v2WinsWhenADeviceOffersBoth() {
        // §12.2 (pyOCD): if one device offers both, v2 wins
        UsbDeviceInfo both = device(0x2E8A, 0x000C, "Debugprobe on Pico (CMSIS-DAP)", hid(0, null),
                bulk(1, 0xFF, "CMSIS-DAP v2 Interface", 64));
        assertThat(DapInterface.find(both)).hasValueSatisfying(itf -> {
            assertThat(itf.bulk()).isTrue();
            assertThat(itf.number()).isEqualTo(1);
        });
    }

    @Test
    void openingADeviceThatIsNotAProbeFails() {
        try (CmsisDapLab lab = new CmsisDapLab(new Fixture(), new VirtualStlink(StlinkModel.V2, "S", new Fixture()))) {
            assertThatThrownBy(() -> driver.open(lab.bus, lab.info)).isInstanceOf(ProbeException.class)
                    .hasMessageContaining("not a CMSIS-DAP probe");
        }
    }

    private static UsbDeviceInfo device(int vid, int pid, String product, UsbInterfaceInfo... interfaces) {
        return new UsbDeviceInfo(vid, pid, 0x0100, "SN1", "Maker", product, "1-1", 1, 5, UsbSpeed.FULL,
                List.of(interfaces));
    }

    private static UsbInterfaceInfo hid(int number, String name) {
        return new UsbInterfaceInfo(number, 0, UsbInterfaceInfo.CLASS_HID, 0, 0, name, List.of(
                new UsbEndpointInfo(0x01 + number, UsbTransferType.INTERRUPT, 64, 1),
                new UsbEndpointInfo(0x81 + number, UsbTransferType.INTERRUPT, 64, 1)));
    }

    private static UsbInterfaceInfo bulk(int number, int interfaceClass, String name, int maxPacket) {
        return new UsbInterfaceInfo(number, 0, interfaceClass, 0, 0, name, List.of(
                new UsbEndpointInfo(0x01 + number, UsbTransferType.BULK, maxPacket, 0),
                new UsbEndpointInfo(0x81 + number, UsbTransferType.BULK, maxPacket, 0)));
    }
}
