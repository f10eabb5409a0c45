package io.flashstation.probe.jlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbTransferType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** jlink.md §1.1 (VID/PIDs), §1.2 (interface and endpoint choice), §1.4 (serial number). */
class JlinkIdentityTest {

    private static final UsbInterfaceInfo CDC_CONTROL = new UsbInterfaceInfo(0, 0, 0x02, 0x02, 0x01, null,
            List.of(new UsbEndpointInfo(0x82, UsbTransferType.INTERRUPT, 16, 8)));
    private static final UsbInterfaceInfo CDC_DATA = new UsbInterfaceInfo(1, 0, 0x0A, 0x00, 0x00, null,
            List.of(new UsbEndpointInfo(0x83, UsbTransferType.BULK, 64, 0),
                    new UsbEndpointInfo(0x03, UsbTransferType.BULK, 64, 0)));

    private final JlinkDriver driver = new JlinkDriver();

    @Test
    void findsTheVendorInterfaceWhereverCdcPutsIt() {
        // §1.2: the J-Link interface's number and endpoints move with the functions a probe enables
        UsbInterfaceInfo jlink = vendor(2, 0xFF, 0x85, 0x06);
        UsbDeviceInfo ob = device(0x0105, "000440113923", CDC_CONTROL, CDC_DATA, jlink);

        assertThat(JlinkEndpoints.of(ob)).contains(new JlinkEndpoints(2, 0x85, 0x06));
        assertThat(driver.recognises(ob)).isTrue();
    }

    @Test
    void takesEndpointsFromDescriptorsNotFromHabit() {
        // §1.2: V10 uses 0x81/0x01, V8-era probes 0x81/0x02
        assertThat(JlinkEndpoints.of(device(0x0101, null, vendor(0, 0xFF, 0x81, 0x01))))
                .contains(new JlinkEndpoints(0, 0x81, 0x01));
        assertThat(JlinkEndpoints.of(device(0x0101, null, vendor(0, 0xFF, 0x81, 0x02))))
                .contains(new JlinkEndpoints(0, 0x81, 0x02));
    }

    @Test
    void aVendorClassInterfaceWithAnotherSubclassIsNotTheJlinkOne() {
        // §1.2: libjaylink wants class 0xFF and subclass 0xFF
        UsbDeviceInfo other = device(0x0101, null, vendor(0, 0x00, 0x81, 0x02));
        assertThat(JlinkEndpoints.of(other)).isEmpty();
        assertThat(driver.recognises(other)).isFalse();
    }

    @Test
    void recognisesSeggerJlinkProductIdsOnly() {
        // §1.1: 0x0101 is the OB/clone PID; 0x1015 and 0x1051 are OB-with-CDC; 0x0106 is CDC only
        UsbInterfaceInfo jlink = vendor(0, 0xFF, 0x81, 0x01);
        assertThat(driver.recognises(device(0x0101, null, jlink))).isTrue();
        assertThat(driver.recognises(device(0x1015, null, jlink))).isTrue();
        assertThat(driver.recognises(device(0x1051, null, jlink))).isTrue();
        assertThat(driver.recognises(device(0x0106, null, CDC_CONTROL, CDC_DATA))).isFalse();
        assertThat(driver.recognises(device(0x1005, null, jlink))).isFalse();
        UsbDeviceInfo notSegger = new UsbDeviceInfo(0x0483, 0x0101, 0x0100, null, null, null, "1-1", 1, 2,
                UsbSpeed.FULL, List.of(jlink));
        assertThat(driver.recognises(notSegger)).isFalse();
    }

    @Test
    void serialIsTheDecimalNumberOfTheDescriptorsLastTenDigits() {
        // §1.4: "000831004110" and the clone's "000000123456"
        assertThat(JlinkSerial.fromDescriptor("000831004110")).isEqualTo("831004110");
        assertThat(JlinkSerial.fromDescriptor("000000123456")).isEqualTo("123456");
        assertThat(JlinkSerial.fromDescriptor("990000000001")).isEqualTo("1"); // padding before the last ten
    }

    @Test
    void serialsThatDoNotParseAreKeptAsTheyAre() {
        // §1.4: non-digits, or more than 0xFFFFFFFF; an absent descriptor means "not available"
        assertThat(JlinkSerial.fromDescriptor("OB-12AB")).isEqualTo("OB-12AB");
        assertThat(JlinkSerial.fromDescriptor("9999999999")).isEqualTo("9999999999");
        assertThat(JlinkSerial.fromDescriptor(null)).isEmpty();
    }

    private static UsbInterfaceInfo vendor(int number, int subclass, int in, int out) {
        return new UsbInterfaceInfo(number, 0, 0xFF, subclass, 0xFF, null,
                List.of(new UsbEndpointInfo(in, UsbTransferType.BULK, 64, 0),
                        new UsbEndpointInfo(out, UsbTransferType.BULK, 64, 0)));
    }

    private static UsbDeviceInfo device(int pid, String serial, UsbInterfaceInfo... interfaces) {
        return new UsbDeviceInfo(JlinkDriver.VENDOR_ID, pid, 0x0100, serial, "SEGGER", "J-Link", "1-1", 1, 2,
                UsbSpeed.FULL, List.of(interfaces));
    }
}
