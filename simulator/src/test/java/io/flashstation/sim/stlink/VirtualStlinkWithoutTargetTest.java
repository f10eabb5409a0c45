package io.flashstation.sim.stlink;

import static io.flashstation.sim.stlink.StlinkUsbHost.cmd;
import static io.flashstation.sim.stlink.StlinkUsbHost.memoryCommand;
import static io.flashstation.sim.stlink.StlinkUsbHost.u32;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbTimeoutException;
import org.junit.jupiter.api.Test;

/** The ST-Link firmware's own commands and its answers when the fixture is empty. */
class VirtualStlinkWithoutTargetTest {

    private static StlinkUsbHost host(StlinkModel model) throws Exception {
        return new StlinkUsbHost(model, new Fixture());
    }

    // stlink.md §1: identities and endpoints
    @Test
    void enumeratesWithStsIdentityAndTheDebugInterfaceEndpoints() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2_1)) {
            UsbDeviceInfo info = host.bus.devices().get(0);
            assertThat(info.vidPid()).isEqualTo("0483:374b");
            assertThat(info.manufacturer()).isEqualTo("STMicroelectronics");
            assertThat(info.findInterface(0).orElseThrow().endpoints())
                    .extracting(e -> e.address()).containsExactlyInAnyOrder(0x81, 0x01, 0x82);
        }
    }

    // stlink.md §2.1 worked bytes: V2J37S7 → 29 47 83 04 48 37
    @Test
    void v2ReportsJ37S7() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            assertThat(host.exchange(cmd(0xF1), 6)).containsExactly(0x29, 0x47, 0x83, 0x04, 0x48, 0x37);
        }
    }

    // stlink.md §2.1 worked bytes: V2J37M26 on 0x374B → 29 5A 83 04 4B 37
    @Test
    void v21ReportsTheMassStorageVersionInsteadOfSwim() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2_1)) {
            assertThat(host.exchange(cmd(0xF1), 6)).containsExactly(0x29, 0x5A, 0x83, 0x04, 0x4B, 0x37);
        }
    }

    // stlink.md §2.1 worked bytes: V3J7M2B4S1 → F1: 30 00 83 04 4F 37; FB: 03 01 07 02 04 00 00 00 83 04 4F 37
    @Test
    void v3ReportsItsVersionsThroughGetVersionEx() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V3)) {
            assertThat(host.exchange(cmd(0xF1), 6)).containsExactly(0x30, 0x00, 0x83, 0x04, 0x4F, 0x37);
            assertThat(host.exchange(cmd(0xFB), 12))
                    .containsExactly(0x03, 0x01, 0x07, 0x02, 0x04, 0, 0, 0, 0x83, 0x04, 0x4F, 0x37);
        }
    }

    // stlink.md §2.1: the clone's old firmware, V2J29S7
    @Test
    void cloneReportsOlderFirmwareAndABinarySerial() throws Exception {
        byte[] raw = {0x55, (byte) 0xFF, 0x6C, 0x06, 0x49, (byte) 0x83, 0x51, 0x53, 0x22, 0x41, 0x10, (byte) 0x87};
        VirtualStlink clone = new VirtualStlink(StlinkModel.V2_CLONE, VirtualStlink.binarySerial(raw), new Fixture());
        assertThat(clone.descriptor().serial()).hasSize(12).matches(s -> s.chars().anyMatch(c -> c < 0x20 || c > 0x7E));
        try (StlinkUsbHost host = host(StlinkModel.V2_CLONE)) {
            assertThat(host.exchange(cmd(0xF1), 6)).containsExactly(0x27, 0x47, 0x83, 0x04, 0x48, 0x37);
        }
    }

    // stlink.md §12 item 12: MASS at first contact, DEBUG after ENTER only, MASS after EXIT
    @Test
    void staysInMassModeWhenEnteringSwdFindsNoTarget() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            assertThat(host.exchange(cmd(0xF5), 2)).containsExactly(0x01, 0x00);
            // stlink.md §7: no SW-DP answers → JTAG_GET_IDCODE_ERROR (0x09)
            assertThat(host.exchange(cmd(0xF2, 0x30, 0xA3), 2)).containsExactly(0x09, 0x00);
            assertThat(host.exchange(cmd(0xF5), 2)).containsExactly(0x01, 0x00);
        }
    }

    // stlink.md §8: target voltage 0 with an empty fixture (reference reading still present)
    @Test
    void readsZeroTargetVoltageWithAnEmptyFixture() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            byte[] reply = host.exchange(cmd(0xF7), 8);
            assertThat(u32(reply, 0)).isPositive();
            assertThat(u32(reply, 4)).isZero();
        }
    }

    // stlink.md §4 READ_IDCODES: status 0x09 and no DPIDR without a target
    @Test
    void readIdcodesReportsNoTarget() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            byte[] reply = host.exchange(cmd(0xF2, 0x31), 12);
            assertThat(reply).hasSize(12);
            assertThat(reply[0]).isEqualTo((byte) 0x09);
            assertThat(u32(reply, 4)).isZero();
        }
    }

    // stlink.md §4/§5.1: READMEM has no status; GETLASTRWSTATUS2 reports the failure: the first transaction, the DP
    // SELECT write, goes unanswered (SWD_DP_ERROR, §7)
    @Test
    void memoryReadWithoutTargetAnswersTheDataPhaseAndReportsTheErrorAfterwards() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            assertThat(host.exchange(memoryCommand(0x07, 0xE000ED00, 4), 4)).containsExactly(0, 0, 0, 0);
            byte[] status = host.exchange(cmd(0xF2, 0x3E), 12);
            assertThat(status[0]).isEqualTo((byte) 0x16);
        }
    }

    // stlink.md §4/§7: debug register reads and RESETSYS carry their status, SWD_DP_ERROR without a target
    @Test
    void debugRegisterReadWithoutTargetFailsWithItsStatus() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            byte[] reply = host.exchange(cmd(0xF2, 0x36, 0xF0, 0xED, 0x00, 0xE0), 8);
            assertThat(reply[0]).isEqualTo((byte) 0x16);
            assertThat(host.exchange(cmd(0xF2, 0x32), 2)[0]).isEqualTo((byte) 0x16);
        }
    }

    // stlink.md §4: READ_DAP_REG of the DP without target → SWD_DP_ERROR
    @Test
    void dapRegisterReadWithoutTargetReportsADpError() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            byte[] reply = host.exchange(cmd(0xF2, 0x45, 0xFF, 0xFF, 0x04, 0x00), 8);
            assertThat(reply[0]).isEqualTo((byte) 0x16);
        }
    }

    // stlink.md §5.2: 8-bit transfers are limited to 64 bytes on V2
    @Test
    void refusesAnEightBitTransferAboveTheFirmwareLimit() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            assertThat(host.exchange(memoryCommand(0x0C, 0x20000000, 65), 65)).hasSize(65);
            assertThat(host.exchange(cmd(0xF2, 0x3E), 12)[0]).isEqualTo((byte) 0x81);
        }
    }

    // stlink.md §5.1: 32-bit transfers need 4-byte alignment
    @Test
    void refusesAMisalignedWordTransfer() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            host.exchange(memoryCommand(0x07, 0x20000002, 8), 8);
            byte[] status = host.exchange(cmd(0xF2, 0x3E), 12);
            assertThat(status[0]).isEqualTo((byte) 0x0A);
            assertThat(u32(status, 4)).isEqualTo(0x20000002);
        }
    }

    // stlink.md §4: a 1-byte 8-bit read answers 2 bytes
    @Test
    void aOneByteReadAnswersTwoBytes() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            assertThat(host.exchange(memoryCommand(0x0C, 0x20000000, 1), 64)).hasSize(2);
        }
    }

    // stlink.md §6: V2 divisor table; unknown divisors refused
    @Test
    void v2AcceptsTableDivisorsOnly() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            assertThat(host.exchange(cmd(0xF2, 0x43, 0x1E, 0x03), 2)).containsExactly(0x80, 0x00); // 798 → 5 kHz
            assertThat(host.exchange(cmd(0xF2, 0x43, 0x00, 0x00), 2)).containsExactly(0x80, 0x00); // 0 → 4 MHz
            assertThat(host.exchange(cmd(0xF2, 0x43, 0x05, 0x00), 2)[0]).isEqualTo((byte) 0x41);
        }
    }

    // stlink.md §6: V3 GET_COM_FREQ list and SET_COM_FREQ rounding down to an offered clock
    @Test
    void v3ListsItsClocksAndPicksTheFastestNotAboveTheRequest() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V3)) {
            byte[] list = host.exchange(cmd(0xF2, 0x62, 0x00), 52);
            assertThat(list).hasSize(52);
            assertThat(list[0]).isEqualTo((byte) 0x80);
            assertThat(list[8]).isEqualTo((byte) 7);
            assertThat(u32(list, 12)).isEqualTo(24000);
            assertThat(u32(list, 12 + 4 * 6)).isEqualTo(5);

            byte[] set = host.exchange(cmd(0xF2, 0x61, 0x00, 0x00, 0xD0, 0x07, 0x00, 0x00), 8); // 2000 kHz
            assertThat(set[0]).isEqualTo((byte) 0x80);
            assertThat(u32(set, 4)).isEqualTo(1000);
            assertThat(u32(host.exchange(cmd(0xF2, 0x62, 0x00), 52), 4)).isEqualTo(1000);
            byte[] slowest = host.exchange(cmd(0xF2, 0x61, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00), 8); // 0 kHz
            assertThat(u32(slowest, 4)).isEqualTo(5);
        }
    }

    // stlink.md §2.2: features the firmware version lacks are unknown commands (status 0x42)
    @Test
    void commandsAboveTheFirmwareVersionAreUnknown() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            assertThat(host.exchange(cmd(0xF2, 0x62, 0x00), 52)).containsExactly(0x42, 0x00);
            assertThat(host.exchange(cmd(0xFB), 12)).containsExactly(0x42, 0x00);
        }
        try (StlinkUsbHost host = host(StlinkModel.V2_CLONE)) {
            assertThat(host.exchange(cmd(0xF2, 0x54, 0, 0, 0, 0x20, 4), 4)).containsExactly(0x42, 0x00);
        }
        try (StlinkUsbHost host = host(StlinkModel.V3)) {
            assertThat(host.exchange(cmd(0xF2, 0x43, 0x01, 0x00), 2)).containsExactly(0x42, 0x00);
        }
    }

    // stlink.md §1.1 item 4, §9.1 step 3: EXIT, DFU_EXIT and SWIM exit send no reply; other DFU/SWIM commands
    // are not this firmware's
    @Test
    void exitCommandsSendNoReply() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            host.send(cmd(0xF2, 0x21), new byte[0]);
            host.send(cmd(0xF3, 0x07), new byte[0]);
            host.send(cmd(0xF4, 0x01), new byte[0]);
            assertThatThrownBy(() -> host.exchange(cmd(0xF3, 0x07), 2)).isInstanceOf(UsbTimeoutException.class);
            assertThat(host.exchange(cmd(0xF4, 0x00), 2)).containsExactly(0x42, 0x00);
            assertThat(host.exchange(cmd(0xF5), 2)).containsExactly(0x01, 0x00);
        }
    }

    // stlink.md §6: V2 JTAG_SET_FREQ divisors (J24+)
    @Test
    void v2AcceptsJtagTableDivisorsOnly() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            assertThat(host.exchange(cmd(0xF2, 0x44, 0x20, 0x00), 2)).containsExactly(0x80, 0x00); // 32 → 1125 kHz
            assertThat(host.exchange(cmd(0xF2, 0x44, 0x21, 0x00), 2)[0]).isEqualTo((byte) 0x41);
        }
    }

    // TIMING.md §3: a command answered by the probe alone costs one round trip L plus payload
    @Test
    void aFirmwareOnlyCommandCostsOneRoundTrip() throws Exception {
        try (StlinkUsbHost host = host(StlinkModel.V2)) {
            long before = host.link.clock().nanos();
            host.exchange(cmd(0xF1), 6);
            // 16 bytes out (16 µs) + L/2, answer 6 bytes (6 µs) + L/2
            assertThat(host.link.clock().nanos() - before).isEqualTo(500_000 + 16_000 + 6_000);
        }
    }
}
