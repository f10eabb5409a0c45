package io.flashstation.sim.jlink;

import static io.flashstation.sim.jlink.JLinkTestHost.u16;
import static io.flashstation.sim.jlink.JLinkTestHost.u32;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbDevice.InTransfer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualJLinkCommandTest {

    private final JLinkTestHost genuine = new JLinkTestHost(new VirtualJLink(JLinkProfile.genuineOb(), new Fixture()));
    private final JLinkTestHost clone =
            new JLinkTestHost(new VirtualJLink(JLinkProfile.armObStm32Clone(), new Fixture()));

    @Test
    void versionIsALengthThenA112ByteStringAreaInTwoTransfers() {
        // jlink.md §2.2: u16 LE length (0x0070), then the string, a NUL and zero padding
        List<InTransfer> answer = clone.send(0, 0x01).transfers();

        assertThat(answer).hasSize(2);
        assertThat(answer.get(0).data()).containsExactly(0x70, 0x00);
        byte[] text = answer.get(1).data();
        assertThat(text).hasSize(112);
        String firmware = new String(text, StandardCharsets.US_ASCII).substring(0, indexOfNul(text));
        assertThat(firmware).isEqualTo("J-Link ARM-OB STM32 compiled Aug 22 2012 19:52:04");
        assertThat(Arrays.copyOfRange(text, firmware.length(), 112)).containsOnly(0);
    }

    @Test
    void genuineVersionNamesTheOnBoardFirmware() {
        // jlink.md §6.3: "<product> compiled <Mmm dd yyyy> <hh:mm:ss>"
        byte[] answer = genuine.exchange(0x01);

        assertThat(new String(answer, 2, indexOfNul(Arrays.copyOfRange(answer, 2, answer.length)),
                StandardCharsets.US_ASCII)).isEqualTo("J-Link OB-S124 compiled Jan 17 2022 10:30:42");
    }

    @Test
    void capsAdvertiseOnlyImplementedBitsOfTheTracedWords() {
        // jlink.md §2.3: clone traced 0x88EA5833, OB-S124 0xB8EA5A33; bits 0,1,4,5,9,11,17,27,31 are answered
        assertThat(u32(genuine.exchange(0xE8), 0)).isEqualTo(0x88020A33);
        assertThat(u32(clone.exchange(0xE8), 0)).isEqualTo(0x88020833);
    }

    @Test
    void theCloneKeepsItsMissingGetSpeedsBitSoOpenOcdAssumesTwelveMegahertz() {
        // jlink.md §2.3 / §7: the clone's word has no bit 9; GET_SPEEDS is still answered
        int caps = u32(clone.exchange(0xE8), 0);

        assertThat(caps & 1 << 9).isZero();
        assertThat(clone.exchange(0xC0)).hasSize(6);
    }

    @Test
    void extendedCapsRepeatTheLegacyWordInTheirFirstFourBytes() {
        // jlink.md §2.3: 32 bytes; OpenOCD reads them over the legacy word, so bytes 0–3 must repeat it
        byte[] legacy = genuine.exchange(0xE8);
        byte[] extended = genuine.exchange(0xED);

        assertThat(extended).hasSize(32);
        assertThat(Arrays.copyOf(extended, 4)).isEqualTo(legacy);
        assertThat(Arrays.copyOfRange(extended, 4, 32)).containsOnly(0);
    }

    @Test
    void everyAdvertisedCapabilityHasItsCommandAnswered() {
        // jlink.md §2.3 gating table: bit → command (§2.1 reply sizes)
        int caps = u32(clone.exchange(0xE8), 0);
        for (int bit = 0; bit < 32; bit++) {
            if ((caps & 1 << bit) != 0) {
                assertThat(bit).as("advertised bit %d", bit).isIn(0, 1, 4, 5, 9, 11, 17, 27, 31);
            }
        }
        assertThat(clone.exchange(0xF0)).hasSize(4);
        assertThat(clone.exchange(0xF2)).hasSize(256);
        assertThat(clone.exchange(0xD4)).hasSize(4);
        assertThat(clone.exchange(0xC7, 0xFF)).hasSize(4);
        assertThat(clone.exchange(registration(0x64, 0))).hasSizeGreaterThanOrEqualTo(76);
        assertThat(clone.exchange(0xED)).hasSize(32);
        assertThat(clone.probe.unknownOpcodes()).isEmpty();
    }

    @Test
    void hardwareVersionsAreDecimalCoded() {
        // jlink.md §2.4: 10000 = V1.00 (OB-S124), 70000 = V7.00 (ARM-OB STM32 clone)
        assertThat(genuine.exchange(0xF0)).containsExactly(0x10, 0x27, 0x00, 0x00);
        assertThat(clone.exchange(0xF0)).containsExactly(0x70, 0x11, 0x01, 0x00);
    }

    @Test
    void hardwareStatusWithAnEmptyFixtureReportsNoTargetVoltage() {
        // jlink.md §2.8: u16 VTref mV, then TCK, TDI, TDO, TMS, TRES, TRST
        byte[] status = genuine.exchange(0x07);

        assertThat(status).hasSize(8);
        assertThat(u16(status, 0)).isZero();
        assertThat(status[6]).as("nRESET released").isEqualTo((byte) 1);
        assertThat(status[7]).as("nTRST released").isEqualTo((byte) 1);
    }

    @Test
    void resetLinesShowInTheHardwareStatus() {
        // jlink.md §2.9: 0xDC drives nRESET low, 0xDD releases it; 0xDE / 0xDF the same for nTRST; no replies
        genuine.send(0, 0xDC, 0xDE);
        assertThat(genuine.transfers()).isEmpty();
        byte[] held = genuine.exchange(0x07);
        genuine.send(0, 0xDD, 0xDF);
        byte[] released = genuine.exchange(0x07);

        assertThat(held[6]).isZero();
        assertThat(held[7]).isZero();
        assertThat(released[6]).isEqualTo((byte) 1);
        assertThat(released[7]).isEqualTo((byte) 1);
    }

    @Test
    void selectTifQueriesUseFfForAvailableAndFeForSelected() {
        // jlink.md §2.6: 0xFF → available mask, 0xFE → selected; the OB-S124 offers SWD only yet starts on 0
        assertThat(u32(genuine.exchange(0xC7, 0xFF), 0)).isEqualTo(0b10);
        assertThat(u32(genuine.exchange(0xC7, 0xFE), 0)).isZero();
        assertThat(u32(clone.exchange(0xC7, 0xFF), 0)).isEqualTo(0b11);
    }

    @Test
    void selectingSwdAnswersThePreviousInterface() {
        // jlink.md §2.6: xx = 0..31 selects and answers the previously selected interface
        assertThat(u32(genuine.exchange(0xC7, 0x01), 0)).isEqualTo(0);
        assertThat(u32(genuine.exchange(0xC7, 0x01), 0)).isEqualTo(1);
        assertThat(u32(genuine.exchange(0xC7, 0xFE), 0)).isEqualTo(1);
        assertThat(genuine.probe.selectedInterface()).isEqualTo(TargetInterface.SWD);
    }

    @Test
    void jtagIsRefusedByTheSwdOnlyProbeAndRecordedByTheClone() {
        // jlink.md §2.6: the OB-S124 does not offer JTAG; the clone does (available 0x3)
        genuine.exchange(0xC7, 0x01);
        clone.exchange(0xC7, 0x01);

        assertThat(u32(genuine.exchange(0xC7, 0x00), 0)).isEqualTo(1);
        assertThat(genuine.probe.selectedInterface()).isEqualTo(TargetInterface.SWD);
        assertThat(u32(clone.exchange(0xC7, 0x00), 0)).isEqualTo(1);
        assertThat(clone.probe.selectedInterface()).isEqualTo(TargetInterface.JTAG);
    }

    @Test
    void getSpeedsGivesBaseFrequencyAndMinimumDivider() {
        // jlink.md §7: clone 48 MHz / 4, OB-S124 1 MHz / 1
        assertThat(clone.exchange(0xC0)).containsExactly(0x00, 0x6C, 0xDC, 0x02, 0x04, 0x00);
        assertThat(genuine.exchange(0xC0)).containsExactly(0x40, 0x42, 0x0F, 0x00, 0x01, 0x00);
    }

    @Test
    void setSpeedPicksTheFastestDividedClockNotAboveTheRequest() {
        // jlink.md §2.7: speeds are base / n for n ≥ min divider; SET_SPEED (kHz, u16 LE) has no reply
        clone.send(0, 0x05, 0xA0, 0x0F);                       // 4000 kHz: 48 MHz / 12
        assertThat(clone.transfers()).isEmpty();
        assertThat(clone.probe.clockHz()).isEqualTo(4_000_000);
        clone.send(0, 0x05, 0x88, 0x13);                       // 5000 kHz: 48 MHz / 10
        assertThat(clone.probe.clockHz()).isEqualTo(4_800_000);
        clone.send(0, 0x05, 0xE0, 0x2E);                       // 12000 kHz: the maximum, 48 MHz / 4
        assertThat(clone.probe.clockHz()).isEqualTo(12_000_000);
        clone.send(0, 0x05, 0x64, 0x00);                       // 100 kHz
        assertThat(clone.probe.clockHz()).isEqualTo(100_000);

        genuine.send(0, 0x05, 0xA0, 0x0F);                     // 4000 kHz on a 1 MHz probe
        assertThat(genuine.probe.clockHz()).isEqualTo(1_000_000);
    }

    @Test
    void adaptiveClockingWithoutItsCapabilityLeavesTheSpeedAlone() {
        // jlink.md §2.7: 0xFFFF needs capability 3, which neither profile has
        clone.send(0, 0x05, 0x64, 0x00);
        clone.send(0, 0x05, 0xFF, 0xFF);

        assertThat(clone.probe.clockHz()).isEqualTo(100_000);
    }

    @Test
    void selectingAnInterfaceResetsTheSpeed() {
        // jlink.md §2.6: selecting resets the configured speed, so hosts send SET_SPEED afterwards
        clone.send(0, 0x05, 0x64, 0x00);
        clone.exchange(0xC7, 0x01);

        assertThat(clone.probe.clockHz()).isEqualTo(SwdClockGenerator.DEFAULT_KHZ * 1000L);
    }

    @Test
    void freeMemoryLetsOpenOcdUseItsFullBuffer() {
        // jlink.md §3.6: ≥ 4112 bytes gives OpenOCD its 2048-byte per-direction buffer; < 143 makes it refuse
        assertThat(u32(genuine.exchange(0xD4), 0)).isGreaterThanOrEqualTo(4112);
    }

    @Test
    void readConfigIs256ErasedBytesFollowedByAZeroLengthPacket() {
        // jlink.md §2.5 layout; §1.3 / §7: a reply that is a multiple of 64 bytes ends with a ZLP
        List<InTransfer> answer = clone.send(0, 0xF2).transfers();

        assertThat(answer).hasSize(2);
        assertThat(answer.get(0).data()).hasSize(256).containsOnly(0xFF);
        assertThat(answer.get(1).data()).isEmpty();
    }

    @Test
    void writeConfigReplacesTheConfigurationWithoutAnswering() {
        // jlink.md §2.5: F3 + 256 bytes, no response
        byte[] request = new byte[257];
        request[0] = (byte) 0xF3;
        for (int i = 1; i < request.length; i++) {
            request[i] = (byte) i;
        }
        clone.send(request, 0);
        assertThat(clone.transfers()).isEmpty();

        assertThat(clone.exchange(0xF2)).isEqualTo(Arrays.copyOfRange(request, 1, 257));
    }

    @Test
    void registerHandsOutAHandleListedInAPaddedTable() {
        // jlink.md §2.10: ≥ 76 bytes; u16 handle, count, entry size 16, info size; entry handle at offset 10
        byte[] reply = clone.exchange(registration(0x64, 0));

        assertThat(reply).hasSize(76);
        int handle = u16(reply, 0);
        assertThat(handle).isNotZero();
        assertThat(u16(reply, 2)).isEqualTo(1);
        assertThat(u16(reply, 4)).isEqualTo(16);
        assertThat(u16(reply, 6)).isZero();
        assertThat(u16(reply, 8 + 10)).isEqualTo(handle);
    }

    @Test
    void unregisterRemovesTheConnection() {
        // jlink.md §2.10: sub-command 0x65 with the handle obtained; the reply is still ≥ 76 bytes
        int handle = u16(clone.exchange(registration(0x64, 0)), 0);
        byte[] reply = clone.exchange(registration(0x65, handle));

        assertThat(reply).hasSize(76);
        assertThat(u16(reply, 2)).isZero();
    }

    @Test
    void aFullConnectionTableAnswersWithAHandleItDoesNotList() {
        // jlink.md §2.10: OpenOCD then fails "maximum number of connections on the device reached"
        for (int i = 0; i < ConnectionTable.MAX_CONNECTIONS; i++) {
            clone.exchange(registration(0x64, 0));
        }
        byte[] reply = clone.exchange(registration(0x64, 0));

        int handle = u16(reply, 0);
        assertThat(u16(reply, 2)).isEqualTo(16);
        assertThat(reply).hasSize(8 + 16 * 16);
        for (int i = 0; i < 16; i++) {
            assertThat(u16(reply, 8 + 16 * i + 10)).isNotEqualTo(handle);
        }
    }

    @Test
    void commandsWithoutAResponseAnswerNothing() {
        // jlink.md §7: no response for 0x05, 0xDC–0xDF, 0xF3 (and the reset pulses 0x02, 0x03)
        genuine.send(0, 0x05, 0x10, 0x00, 0xDC, 0xDD, 0xDE, 0xDF, 0x02, 0x03);

        assertThat(genuine.transfers()).isEmpty();
    }

    @Test
    void anUnknownOpcodeIsNotAnsweredAndIsReported() {
        // jlink.md §2.12: no generic error frame exists; unknown opcodes are UNCONFIRMED (§9)
        genuine.send(0, 0x08, 0x01);

        assertThat(genuine.transfers()).isEmpty();
        assertThat(genuine.probe.unknownOpcodes()).containsExactly(0x08);
    }

    /** OpenOCD's REGISTER / UNREGISTER request: pid 0, host 0.0.0.0, iid 0, cid 0, handle (§2.10). */
    private static byte[] registration(int sub, int handle) {
        byte[] request = new byte[14];
        request[0] = 0x09;
        request[1] = (byte) sub;
        request[12] = (byte) handle;
        request[13] = (byte) (handle >>> 8);
        return request;
    }

    private static int indexOfNul(byte[] text) {
        for (int i = 0; i < text.length; i++) {
            if (text[i] == 0) {
                return i;
            }
        }
        return text.length;
    }
}
