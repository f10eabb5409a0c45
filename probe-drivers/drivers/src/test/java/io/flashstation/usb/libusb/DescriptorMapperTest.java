package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbTransferType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Descriptor fields as usb4java returns them (signed C struct members) into the seam's records. Values are those
 * of a CMSIS-DAP v2 probe (cmsis-dap.md §11/§12: vendor interface FF/00/00, bulk OUT then bulk IN) and of a
 * CMSIS-DAP v1 HID interface.
 */
class DescriptorMapperTest {

    @Test
    void idsAboveThirtyTwoThousandStayPositive() {
        // 0xC251 (Keil) does not fit a Java short; libusb's uint16_t must come back unsigned
        DeviceKey key = DeviceKey.of(1, 9, new byte[]{2, 4}, 2, (short) 0xC251, (short) 0xF002);
        assertThat(key.vendorId()).isEqualTo(0xC251);
        assertThat(key.productId()).isEqualTo(0xF002);
        assertThat(key.portPath()).hasToString("1-2.4");
    }

    @Test
    void wholeDeviceCarriesIdentityPositionAndStrings() {
        DeviceKey key = DeviceKey.of(1, 9, new byte[]{2, 4}, 2, (short) 0x0D28, (short) 0x0204);
        UsbDeviceInfo device = DescriptorMapper.device(key, (short) 0x8100, "ARM", "DAPLink CMSIS-DAP",
                "0240000034544e45001b00028aa9001e", 3, List.of());

        assertThat(device.vidPid()).isEqualTo("0d28:0204");
        assertThat(device.deviceVersionBcd()).isEqualTo(0x8100);
        assertThat(device.manufacturer()).isEqualTo("ARM");
        assertThat(device.product()).isEqualTo("DAPLink CMSIS-DAP");
        assertThat(device.serial()).isEqualTo("0240000034544e45001b00028aa9001e");
        assertThat(device.portPath()).isEqualTo("1-2.4");
        assertThat(device.busNumber()).isEqualTo(1);
        assertThat(device.address()).isEqualTo(9);
        assertThat(device.speed()).isEqualTo(UsbSpeed.HIGH);
    }

    @Test
    void unreadableStringsStayNull() {
        DeviceKey key = DeviceKey.of(1, 9, new byte[]{3}, 1, (short) 0x0483, (short) 0x3748);
        UsbDeviceInfo device = DescriptorMapper.device(key, (short) 0x0100, null, null, null, 2, List.of());
        assertThat(device.serial()).isNull();
        assertThat(device.product()).isNull();
        assertThat(device.manufacturer()).isNull();
    }

    @Test
    void keyOfADescribedDeviceIsTheKeyItWasDescribedFrom() {
        DeviceKey key = DeviceKey.of(2, 17, new byte[]{1, 3, 2}, 3, (short) 0x1366, (short) 0x0101);
        UsbDeviceInfo device = DescriptorMapper.device(key, (short) 0x0100, null, "J-Link", null, 2, List.of());
        assertThat(DeviceKey.of(device)).isEqualTo(key);
    }

    @Test
    void speedsMapFromLibusbValues() {
        assertThat(DescriptorMapper.speed(0)).isEqualTo(UsbSpeed.UNKNOWN);
        assertThat(DescriptorMapper.speed(1)).isEqualTo(UsbSpeed.LOW);
        assertThat(DescriptorMapper.speed(2)).isEqualTo(UsbSpeed.FULL);
        assertThat(DescriptorMapper.speed(3)).isEqualTo(UsbSpeed.HIGH);
        assertThat(DescriptorMapper.speed(4)).isEqualTo(UsbSpeed.SUPER);
        assertThat(DescriptorMapper.speed(5)).isEqualTo(UsbSpeed.SUPER);
        assertThat(DescriptorMapper.speed(99)).isEqualTo(UsbSpeed.UNKNOWN);
    }

    @Test
    void endpointAddressDirectionAndTypeComeFromTheirBits() {
        // USB 2.0 §9.6.6: bit 7 of the address is IN; bits 1..0 of bmAttributes are the type
        UsbEndpointInfo in = DescriptorMapper.endpoint((byte) 0x81, (byte) 0x02, (short) 512, (byte) 0);
        assertThat(in).isEqualTo(new UsbEndpointInfo(0x81, UsbTransferType.BULK, 512, 0));
        assertThat(in.isIn()).isTrue();
        assertThat(DescriptorMapper.endpoint((byte) 0x01, (byte) 0x03, (short) 64, (byte) 1).type())
                .isEqualTo(UsbTransferType.INTERRUPT);
        assertThat(DescriptorMapper.endpoint((byte) 0x83, (byte) 0x05, (short) 64, (byte) 1).type())
                .isEqualTo(UsbTransferType.ISOCHRONOUS);
        assertThat(DescriptorMapper.endpoint((byte) 0x00, (byte) 0x00, (short) 64, (byte) 0).type())
                .isEqualTo(UsbTransferType.CONTROL);
    }

    @Test
    void highBandwidthBitsAreNotPartOfThePacketSize() {
        // wMaxPacketSize 0x1400: bits 12..11 = 2 extra transactions, bits 10..0 = 1024 bytes
        assertThat(DescriptorMapper.endpoint((byte) 0x82, (byte) 0x03, (short) 0x1400, (byte) 1).maxPacketSize())
                .isEqualTo(1024);
    }

    @Test
    void intervalIsUnsigned() {
        assertThat(DescriptorMapper.endpoint((byte) 0x81, (byte) 0x03, (short) 64, (byte) 0xFF).interval())
                .isEqualTo(255);
    }

    @Test
    void vendorInterfaceOfACmsisDapV2Probe() {
        // cmsis-dap.md §12.2: class FF/00/00, EP[0] bulk OUT, EP[1] bulk IN, interface string naming CMSIS-DAP
        List<UsbEndpointInfo> endpoints = List.of(
                DescriptorMapper.endpoint((byte) 0x01, (byte) 0x02, (short) 64, (byte) 0),
                DescriptorMapper.endpoint((byte) 0x82, (byte) 0x02, (short) 64, (byte) 0));
        UsbInterfaceInfo iface = DescriptorMapper.iface((byte) 0, (byte) 0, (byte) 0xFF, (byte) 0, (byte) 0,
                "CMSIS-DAP v2", endpoints);

        assertThat(iface.interfaceClass()).isEqualTo(UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC);
        assertThat(iface.name()).isEqualTo("CMSIS-DAP v2");
        assertThat(iface.findEndpoint(UsbTransferType.BULK, false)).map(UsbEndpointInfo::address).contains(0x01);
        assertThat(iface.findEndpoint(UsbTransferType.BULK, true)).map(UsbEndpointInfo::address).contains(0x82);
    }

    @Test
    void hidInterfaceOfACmsisDapV1Probe() {
        UsbInterfaceInfo iface = DescriptorMapper.iface((byte) 3, (byte) 1, (byte) 0x03, (byte) 0, (byte) 0,
                null, List.of());
        assertThat(iface.number()).isEqualTo(3);
        assertThat(iface.alternateSetting()).isEqualTo(1);
        assertThat(iface.interfaceClass()).isEqualTo(UsbInterfaceInfo.CLASS_HID);
        assertThat(iface.name()).isNull();
    }
}
