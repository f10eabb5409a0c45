package io.flashstation.sim.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.DeviceDescriptor;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.sim.usb.VirtualUsbDevice.InTransfer;
import io.flashstation.usb.UsbControlSetup;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbTransferType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The three USB personalities: what hosts look for and how packets are framed (cmsis-dap.md §11, §12). */
class CmsisDapUsbDeviceTest {

    private static final int OUT = CmsisDapUsbDevice.OUT_ENDPOINT;
    private static final int IN = CmsisDapUsbDevice.IN_ENDPOINT;

    @Test
    void v1IsAHidInterfaceWithInterruptEndpointsAndCmsisDapInTheProduct() {
        // cmsis-dap.md §11.1, §12.2: product string contains "CMSIS-DAP", HID class, interrupt IN and OUT
        CmsisDapHidDevice device = CmsisDapHidDevice.daplink(1, new Fixture());
        DeviceDescriptor descriptor = device.descriptor();
        assertThat(descriptor.vendorId()).isEqualTo(0x0D28);
        assertThat(descriptor.productId()).isEqualTo(0x0204);
        assertThat(descriptor.product()).contains("CMSIS-DAP");
        assertThat(descriptor.speed()).isEqualTo(UsbSpeed.FULL);
        UsbInterfaceInfo hid = descriptor.interfaces().get(0);
        assertThat(hid.interfaceClass()).isEqualTo(UsbInterfaceInfo.CLASS_HID);
        assertThat(hid.interfaceSubClass()).isZero();
        assertThat(hid.endpoints()).containsExactly(
                new UsbEndpointInfo(0x01, UsbTransferType.INTERRUPT, 64, 1),
                new UsbEndpointInfo(0x81, UsbTransferType.INTERRUPT, 64, 1));
        assertThat(device.linkTiming()).isEqualTo(LinkTiming.HID_FULL_SPEED);
    }

    @Test
    void v2IsAVendorBulkInterfaceWhoseNameSaysCmsisDap() {
        // cmsis-dap.md §11.2, §12.2: class FF/00/00, interface string contains "CMSIS-DAP", EP OUT then IN
        CmsisDapBulkDevice device = CmsisDapBulkDevice.xiaoDaplink(1, new Fixture());
        assertThat(device.descriptor().vendorId()).isEqualTo(0x2886);
        assertThat(device.descriptor().productId()).isEqualTo(0x802F);
        UsbInterfaceInfo bulk = device.descriptor().interfaces().get(0);
        assertThat(bulk.interfaceClass()).isEqualTo(0xFF);
        assertThat(bulk.interfaceSubClass()).isZero();
        assertThat(bulk.interfaceProtocol()).isZero();
        assertThat(bulk.name()).contains("CMSIS-DAP");
        assertThat(bulk.endpoints()).extracting(UsbEndpointInfo::address).containsExactly(0x01, 0x81);
        assertThat(bulk.endpoints()).extracting(UsbEndpointInfo::type).containsOnly(UsbTransferType.BULK);
        assertThat(bulk.endpoints()).extracting(UsbEndpointInfo::maxPacketSize).containsOnly(64);
        assertThat(device.linkTiming()).isEqualTo(LinkTiming.BULK_FULL_SPEED);
    }

    @Test
    void highSpeedV2Uses512BytePacketsAndSeveralBuffers() {
        // cmsis-dap.md §11.2: wMaxPacketSize 512 at high speed; §11.3 packet count
        CmsisDapBulkDevice device = CmsisDapBulkDevice.nanoDapHs(1, new Fixture());
        assertThat(device.descriptor().speed()).isEqualTo(UsbSpeed.HIGH);
        assertThat(device.descriptor().interfaces().get(0).endpoints())
                .extracting(UsbEndpointInfo::maxPacketSize).containsOnly(512);
        assertThat(device.linkTiming()).isEqualTo(LinkTiming.BULK_HIGH_SPEED);
        device.receive(OUT, Hex.bytes("00 FF"), 0);
        assertThat(Hex.of(device.nextIn(IN).data())).isEqualTo("00 02 00 02");
        device.receive(OUT, Hex.bytes("00 FE"), 0);
        assertThat(device.nextIn(IN).data()[2]).isGreaterThan((byte) 1);
    }

    @Test
    void probesOfOneFamilyHaveDistinctStableSerials() {
        // cmsis-dap.md §12.2: hosts tell probes apart by serial
        assertThat(ProbeIdentity.daplinkV1(1).serial()).isNotEqualTo(ProbeIdentity.daplinkV1(2).serial())
                .isEqualTo(ProbeIdentity.daplinkV1(1).serial()).hasSize(48);
        assertThat(ProbeIdentity.xiaoDaplinkV2(7).serial()).isNotEqualTo(ProbeIdentity.xiaoDaplinkV2(8).serial())
                .hasSize(32);
        assertThat(ProbeIdentity.nanoDapHs(3).serial()).isNotEqualTo(ProbeIdentity.nanoDapHs(4).serial());
    }

    @Test
    void hidAnswersAreFullReportsPaddedWithZeros() {
        // cmsis-dap.md §11.1: every report is full size both ways; §1 the answer echoes the command ID
        CmsisDapHidDevice device = CmsisDapHidDevice.daplink(1, new Fixture());
        byte[] report = Arrays.copyOf(Hex.bytes("00 FE"), 64);
        device.receive(OUT, report, 0);
        InTransfer answer = device.nextIn(IN);
        assertThat(answer.data()).hasSize(64);
        assertThat(Arrays.copyOf(answer.data(), 3)).isEqualTo(Hex.bytes("00 01 04"));
        assertThat(Arrays.copyOfRange(answer.data(), 3, 64)).containsOnly(0);
    }

    @Test
    void hidUnknownCommandIsAFullReportStartingWithFf() {
        // cmsis-dap.md §15 item 1
        CmsisDapHidDevice device = CmsisDapHidDevice.daplink(1, new Fixture());
        device.receive(OUT, Arrays.copyOf(Hex.bytes("42"), 64), 0);
        byte[] answer = device.nextIn(IN).data();
        assertThat(answer).hasSize(64);
        assertThat(answer[0]).isEqualTo((byte) 0xFF);
    }

    @Test
    void hidTakesOutputReportsOverTheControlPipeToo() {
        // cmsis-dap.md §11.1: SET_REPORT on EP0 (0x21, 0x09, wValue 0x0200)
        CmsisDapHidDevice device = CmsisDapHidDevice.daplink(1, new Fixture());
        device.control(new UsbControlSetup(0x21, 0x09, 0x0200, 0), Arrays.copyOf(Hex.bytes("00 FF"), 64), 64, 0);
        assertThat(Arrays.copyOf(device.nextIn(IN).data(), 4)).isEqualTo(Hex.bytes("00 02 40 00"));
    }

    @Test
    void hidReportDescriptorHasVendorReportsOfThePacketSizeAndNoReportIds() {
        // cmsis-dap.md §11.1: vendor usage page 0xFF00, 8-bit fields, report count = packet size, no report IDs
        CmsisDapHidDevice device = CmsisDapHidDevice.daplink(1, new Fixture());
        byte[] descriptor = device.control(new UsbControlSetup(0x81, 0x06, 0x2200, 0), new byte[0], 255, 0);
        String hex = Hex.of(descriptor);
        assertThat(hex).startsWith("06 00 FF").contains("75 08").contains("96 40 00 09 01 81 02")
                .contains("96 40 00 09 01 91 02").doesNotContain("85");
    }

    @Test
    void otherControlRequestsStall() {
        // cmsis-dap.md §11.1: reports go over the interrupt endpoints; GET_REPORT on EP0 is not offered
        CmsisDapHidDevice device = CmsisDapHidDevice.daplink(1, new Fixture());
        assertThatThrownBy(() -> device.control(new UsbControlSetup(0xA1, 0x01, 0x0100, 0), new byte[0], 64, 0))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void bulkAnswersHaveTheirExactLength() {
        // cmsis-dap.md §11.2: transfers are exact length, not padded
        CmsisDapBulkDevice device = CmsisDapBulkDevice.xiaoDaplink(1, new Fixture());
        device.receive(OUT, Hex.bytes("42"), 0);
        assertThat(device.nextIn(IN).data()).isEqualTo(Hex.bytes("FF"));
        assertThat(device.nextIn(IN)).isNull();
    }

    @Test
    void aBulkAnswerFillingWholePacketsButShorterThanThePacketSizeIsFollowedByAZeroLengthPacket() {
        // cmsis-dap.md §11.2 / §15 item 11: 127-word block read = 512 bytes over a 512-byte endpoint with 1024-byte
        // DAP packets needs a ZLP; a 1-word read (8 bytes) does not
        ProbeIdentity big = new ProbeIdentity(0x0D28, 0x0204, 0x0100, "MuseLab", "nanoDAP-HS CMSIS-DAP", "X1",
                "CMSIS-DAP v2", "2.1.0", "2.3.0", null, null, UsbSpeed.HIGH, 1024, 4, 10_000_000);
        ScriptedTarget target = new ScriptedTarget();
        Fixture fixture = new Fixture();
        fixture.insert(target);
        CmsisDapBulkDevice device = new CmsisDapBulkDevice(new CmsisDapProbe(big, fixture));
        device.receive(OUT, Hex.bytes("02 01"), 0);
        device.nextIn(IN);
        device.receive(OUT, Hex.bytes("06 00 7F 00 0F"), 0);
        InTransfer block = device.nextIn(IN);
        assertThat(block.data()).hasSize(512);
        InTransfer zlp = device.nextIn(IN);
        assertThat(zlp.data()).isEmpty();
        assertThat(zlp.readyNanos()).isEqualTo(block.readyNanos());
        device.receive(OUT, Hex.bytes("06 00 01 00 0F"), 0);
        assertThat(device.nextIn(IN).data()).hasSize(8);
        assertThat(device.nextIn(IN)).isNull();
    }

    @Test
    void unknownEndpointsAreRejected() {
        // cmsis-dap.md §11.2: one command OUT and one response IN endpoint (no SWO stream endpoint)
        CmsisDapBulkDevice device = CmsisDapBulkDevice.xiaoDaplink(1, new Fixture());
        assertThatThrownBy(() -> device.receive(0x02, Hex.bytes("00 FE"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> device.nextIn(0x82)).isInstanceOf(IllegalArgumentException.class);
    }
}
