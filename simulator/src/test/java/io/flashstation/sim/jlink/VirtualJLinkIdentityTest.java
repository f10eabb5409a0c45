package io.flashstation.sim.jlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.DeviceDescriptor;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.usb.UsbControlSetup;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbTransferType;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VirtualJLinkIdentityTest {

    static Stream<JLinkProfile> profiles() {
        return Stream.of(JLinkProfile.genuineOb(), JLinkProfile.armObStm32Clone());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void enumeratesAsSeggerJLinkAtUsbAddressZero(JLinkProfile profile) {
        // jlink.md §1.1: VID 0x1366, PID 0x0101 is in libjaylink 0.3.1's table (the only PIDs OpenOCD sees)
        DeviceDescriptor d = new VirtualJLink(profile, new Fixture()).descriptor();

        assertThat(d.vendorId()).isEqualTo(0x1366);
        assertThat(d.productId()).isEqualTo(0x0101);
        assertThat(d.manufacturer()).isEqualTo("SEGGER");
        assertThat(d.speed()).isEqualTo(UsbSpeed.FULL);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void hasOneVendorBulkInterfaceThatLibjaylinkAndProbeRsBothAccept(JLinkProfile profile) {
        // jlink.md §1.2: class and subclass 0xFF with ≥ 2 endpoints (libjaylink); protocol 0xFF and exactly two
        // bulk endpoints (probe-rs); 64-byte packets on full-speed OBs
        DeviceDescriptor d = new VirtualJLink(profile, new Fixture()).descriptor();

        assertThat(d.interfaces()).hasSize(1);
        UsbInterfaceInfo bulk = d.interfaces().get(0);
        assertThat(bulk.interfaceClass()).isEqualTo(0xFF);
        assertThat(bulk.interfaceSubClass()).isEqualTo(0xFF);
        assertThat(bulk.interfaceProtocol()).isEqualTo(0xFF);
        assertThat(bulk.endpoints()).hasSize(2)
                .allSatisfy(e -> assertThat(e.type()).isEqualTo(UsbTransferType.BULK))
                .allSatisfy(e -> assertThat(e.maxPacketSize()).isEqualTo(64));
        assertThat(bulk.findEndpoint(UsbTransferType.BULK, true)).map(UsbEndpointInfo::address)
                .contains(profile.inEndpoint());
        assertThat(bulk.findEndpoint(UsbTransferType.BULK, false)).map(UsbEndpointInfo::address)
                .contains(profile.outEndpoint());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void serialIsTwelveDecimalDigitsThatParseAsLibjaylinkParsesThem(JLinkProfile profile) {
        // jlink.md §1.4: ASCII, ≤ 12 characters, the last 10 parsed as a decimal u32
        String serial = new VirtualJLink(profile, new Fixture()).descriptor().serial();

        assertThat(serial).matches("[0-9]{12}");
        assertThat(Long.parseLong(serial.substring(2))).isLessThanOrEqualTo(0xFFFFFFFFL);
    }

    @Test
    void theCloneReportsTheSerialEveryCloneShares() {
        // jlink.md §1.4 / §7: "000000123456" on the "J-Link ARM-OB STM32" clone
        assertThat(JLinkProfile.armObStm32Clone().serial()).isEqualTo("000000123456");
        assertThat(JLinkProfile.armObStm32Clone().withSerial("000000000042").serial()).isEqualTo("000000000042");
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void usesTheFullSpeedBulkLinkModel(JLinkProfile profile) {
        // TIMING.md §3: J-Link OB is full-speed bulk, L = 0.5 ms, B = 1 MB/s, 64-byte packets
        assertThat(new VirtualJLink(profile, new Fixture()).linkTiming()).isEqualTo(LinkTiming.BULK_FULL_SPEED);
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void stallsControlRequestsAndRefusesForeignEndpoints(JLinkProfile profile) {
        // jlink.md §1.3: everything goes through the bulk pair; there are no vendor control requests
        VirtualJLink probe = new VirtualJLink(profile, new Fixture());

        assertThatThrownBy(() -> probe.control(new UsbControlSetup(0xC1, 0x01, 0, 0), new byte[0], 64, 0))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> probe.receive(0x05, new byte[] {0x01}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(probe.nextIn(0x83)).isNull();
    }
}
