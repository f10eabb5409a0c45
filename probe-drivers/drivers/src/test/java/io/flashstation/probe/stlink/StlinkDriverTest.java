package io.flashstation.probe.stlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeFirmwareException;
import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.ProbeLostException;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Recognising ST-Links, opening them, their firmware versions, the firmware gate and target voltage. */
class StlinkDriverTest {

    private final StlinkDriver driver = new StlinkDriver();

    private static UsbDeviceInfo device(int vid, int pid, int interfaceClass) {
        UsbInterfaceInfo debug = new UsbInterfaceInfo(0, 0, interfaceClass, 0, 0, null,
                List.of(new UsbEndpointInfo(0x81, UsbTransferType.BULK, 64, 0)));
        return new UsbDeviceInfo(vid, pid, 0x0100, "X", null, null, "1-9", 1, 9, UsbSpeed.FULL, List.of(debug));
    }

    // stlink.md §1: the lab's V2, V2-1 and V3 as they enumerate
    @ParameterizedTest
    @ValueSource(strings = {"V2", "V2_1", "V3", "V2_CLONE"})
    void recognisesTheLabsStlinks(String model) {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.valueOf(model))) {
            assertThat(driver.recognises(bench.device)).isTrue();
        }
    }

    // stlink.md §1: PIDs of V2 (3748), V2-1 (374B, 3752) and V3 (374E, 374F, 3753, 3754) with interface 0 vendor-class
    @ParameterizedTest
    @ValueSource(ints = {0x3748, 0x374B, 0x3752, 0x374E, 0x374F, 0x3753, 0x3754})
    void recognisesEveryDebugPid(int pid) {
        assertThat(driver.recognises(device(0x0483, pid, UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC))).isTrue();
    }

    // stlink.md §1: V1 (SCSI-wrapped), the V3 USB loader and other ST devices are not debug probes we drive
    @ParameterizedTest
    @ValueSource(ints = {0x3744, 0x374D, 0x5740, 0xDF11})
    void ignoresOtherStDevices(int pid) {
        assertThat(driver.recognises(device(0x0483, pid, UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC))).isFalse();
    }

    // stlink.md §1: the VID is ST's; interface 0 is the vendor-specific debug interface
    @Test
    void needsStsVendorIdAndAVendorSpecificInterface() {
        assertThat(driver.recognises(device(0x1366, 0x3748, UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC))).isFalse();
        assertThat(driver.recognises(device(0x0483, 0x3748, UsbInterfaceInfo.CLASS_HID))).isFalse();
    }

    // stlink.md §2.1: GET_VERSION decoded (S on V2, M on V2-1), GET_VERSION_EX on V3; TIMING.md §3 max clocks
    @ParameterizedTest
    @CsvSource({
        "V2,   STLINK_V2,   V2J37S7,  4000000",
        "V2_1, STLINK_V2_1, V2J37M26, 4000000",
        "V3,   STLINK_V3,   V3J7M2B4S1, 24000000",
    })
    void opensAndIdentifiesTheFirmware(String model, ProbeKind kind, String firmware, long maxHz) throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.valueOf(model));
                DebugProbe probe = bench.open()) {
            assertThat(probe.info().kind()).isEqualTo(kind);
            assertThat(probe.info().firmwareVersion()).isEqualTo(firmware);
            assertThat(probe.info().maxSwdHz()).isEqualTo(maxHz);
            assertThat(probe.info().serial()).isEqualTo(StlinkBench.SERIAL);
            assertThat(probe.info().usb()).isEqualTo(bench.device);
        }
    }

    // stlink.md §2.1: GET_VERSION costs one round trip, plus GET_VERSION_EX on V3, plus GET_CURRENT_MODE
    @Test
    void openCostsVersionAndModeExchangesOnly() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.open()) {
            assertThat(probe.counters().usbRoundTrips()).isEqualTo(2);
            assertThat(probe.counters().swdTransfers()).isZero();
        }
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V3); DebugProbe probe = bench.open()) {
            assertThat(probe.counters().usbRoundTrips()).isEqualTo(3);
        }
    }

    // stlink.md §1: old firmware's 12-byte binary serial is kept exactly as the device gave it
    @Test
    void keepsABinarySerialAsGiven() throws Exception {
        byte[] raw = {0x55, (byte) 0xFF, 0x6C, 0x06, 0x49, (byte) 0x83, 0x51, 0x53, 0x22, 0x41, 0x10, (byte) 0x87};
        String serial = VirtualStlink.binarySerial(raw);
        try (StlinkBench bench = StlinkBench.withSerial(StlinkModel.V2, serial); DebugProbe probe = bench.open()) {
            assertThat(probe.info().serial()).isEqualTo(serial).hasSize(12);
        }
    }

    // stlink.md §2.2: V2J29 lacks memory commands that carry AP and CSW (V2J32+), so the driver refuses it
    @Test
    void refusesTheClonesV2J29NamingTheMinimum() {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2_CLONE)) {
            assertThatThrownBy(bench::open)
                    .isInstanceOf(ProbeFirmwareException.class)
                    .hasMessageContaining("V2J29S7")
                    .hasMessageContaining("V2J32 or later");
            // the refused probe was released: it can be opened again (and refused again)
            assertThatThrownBy(bench::open).isInstanceOf(ProbeFirmwareException.class);
        }
    }

    // stlink.md §2.1: a V3 whose GET_VERSION_EX reports J1 is below V3J2 (HAS_CSW on V3)
    @Test
    void refusesAV3BelowJ2() {
        try (StlinkBench bench = StlinkBench.wrapped(StlinkModel.V3, stlink -> {
            InterposedStlink old = new InterposedStlink(stlink);
            old.rewriteReplies(0xFB, reply -> {
                reply[2] = 1;
                return reply;
            });
            return old;
        })) {
            assertThatThrownBy(bench::open)
                    .isInstanceOf(ProbeFirmwareException.class)
                    .hasMessageContaining("V3J1M2B4S1")
                    .hasMessageContaining("V3J2 or later");
        }
    }

    // DebugProbe contract: a probe that is gone by the time it is opened is lost, not merely failing
    @Test
    void openingAnUnpluggedProbeIsProbeLost() {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2)) {
            bench.bus.unplug(StlinkBench.PORT);
            assertThatThrownBy(bench::open).isInstanceOf(ProbeLostException.class);
        }
    }

    // stlink.md §8: volts = 2 × 1.2 × a1 / a0; the lab board is supplied at 3.3 V
    @Test
    void measuresTheBoardsSupply() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2_1); DebugProbe probe = bench.open()) {
            assertThat(probe.targetVoltage()).hasValueCloseTo(3.3, offset(0.02));
        }
    }

    // stlink.md §8: an empty fixture reads 0 V
    @Test
    void readsZeroVoltsWithAnEmptyFixture() throws Exception {
        try (StlinkBench bench = StlinkBench.emptyFixture(StlinkModel.V3); DebugProbe probe = bench.open()) {
            assertThat(probe.targetVoltage()).hasValue(0.0);
        }
    }
}
