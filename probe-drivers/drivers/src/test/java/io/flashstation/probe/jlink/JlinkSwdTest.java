package io.flashstation.probe.jlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.ProbeCounters;
import io.flashstation.sim.jlink.JLinkProfile;
import io.flashstation.sim.target.AccessSize;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** DP and AP transfers through a virtual J-Link into a virtual STM32F411 (jlink.md §3; adiv5-swd-jtag.md §3–§7). */
class JlinkSwdTest {

    static final int DPIDR_STM32F411 = 0x2BA01477;
    static final int DP_CTRL_STAT = 0x4;
    static final int CDBGPWRUPREQ = 1 << 28;
    static final int CSYSPWRUPREQ = 1 << 30;
    static final int POWER_ACKS = 1 << 29 | 1 << 31;
    static final int AP_CSW = 0x00;
    static final int AP_TAR = 0x04;
    static final int AP_DRW = 0x0C;
    static final int AP_IDR = 0xFC;
    /** 32-bit accesses, TAR auto-increment, debugger master bits (adiv5-swd-jtag.md §6). */
    static final int CSW_WORD_INCREMENT = 0xA2000012;
    static final int SRAM = 0x2000_0000;
    static final int DHCSR = 0xE000_EDF0;
    static final int S_RESET_ST = 1 << 25;
    static final int FLASH_BASE = 0x0800_0000;
    static final int FLASH_KEYR = 0x4002_3C04;
    static final int FLASH_CR = 0x4002_3C10;
    /** PG with PSIZE x32 (stm32f411-target.md §6.3). */
    static final int FLASH_CR_PG_X32 = 1 | 2 << 8;

    static Stream<JLinkProfile> profiles() {
        return Stream.of(JLinkProfile.genuineOb(), JLinkProfile.armObStm32Clone());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void connectReadsTheStm32F411Dpidr(JLinkProfile profile) throws Exception {
        // jlink.md §3.4: JTAG-to-SWD, line reset, idle, DPIDR read, all in the first 0xCF
        try (JlinkLab lab = JlinkLab.withBoard(profile); JlinkProbe probe = lab.open()) {
            long before = probe.counters().usbRoundTrips();
            assertThat(probe.connect()).isEqualTo(DPIDR_STM32F411);
            assertThat(probe.counters().usbRoundTrips() - before).isEqualTo(1);
        }
    }

    @Test
    void powersUpTheDebugDomain() throws Exception {
        // adiv5-swd-jtag.md §4: CDBGPWRUPREQ | CSYSPWRUPREQ, acknowledged in CTRL/STAT bits 29 and 31
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            DapValue status = powerUp(probe);
            assertThat(status.get() & POWER_ACKS).isEqualTo(POWER_ACKS);
        }
    }

    @Test
    void readsTheAhbApIdentification() throws Exception {
        // adiv5-swd-jtag.md §6: the STM32F4's AHB-AP IDR 0x24770011, bank 0xF via SELECT, posted read + RDBUFF
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            DapBatch batch = probe.newBatch();
            DapValue idr = batch.readAp(0, AP_IDR);
            batch.run();
            assertThat(idr.get()).isEqualTo(0x24770011);
        }
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void writesAndReadsBackOneKibibyteOfSramInTwoCalls(JLinkProfile profile) throws Exception {
        // jlink.md §3.5/§3.6: 260 + 258 packets of 46 clocks fit a 2048-byte buffer per direction twice over
        try (JlinkLab lab = JlinkLab.withBoard(profile); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            int[] words = new int[256];
            for (int i = 0; i < words.length; i++) {
                words[i] = 0x9E3779B9 * (i + 1);
            }
            ProbeCounters before = probe.counters();
            long boardTransfersBefore = lab.board.counters().swdTransfers();

            DapBatch write = probe.newBatch();
            write.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
            write.writeAp(0, AP_TAR, SRAM);
            write.writeApRepeated(0, AP_DRW, words, 0, words.length);
            write.run();
            int[] back = new int[256];
            DapBatch read = probe.newBatch();
            read.writeAp(0, AP_TAR, SRAM);
            read.readApRepeated(0, AP_DRW, back, 0, back.length);
            read.run();

            assertThat(back).containsExactly(words);
            assertThat(lab.board.chip().read(SRAM + 4 * 17, AccessSize.WORD).data()).isEqualTo(words[17]);
            ProbeCounters after = probe.counters();
            assertThat(after.usbRoundTrips() - before.usbRoundTrips()).as("0xCF calls").isEqualTo(2);
            // SELECT, CSW, TAR, 256 DRW, RDBUFF; then TAR, 256 DRW, RDBUFF
            assertThat(after.swdTransfers() - before.swdTransfers()).isEqualTo(260 + 258);
            assertThat(lab.board.counters().swdTransfers() - boardTransfersBefore)
                    .as("packets the board decoded").isEqualTo(260 + 258);
        }
    }

    @Test
    void splitsBatchesAtTheBufferItsFreeMemoryAllows() throws Exception {
        // §3.6: per direction min(2048, (free − 16) / 2) bytes; 1040 free → 512 bytes = 4096 clocks
        // = 88 packets + 8 idle per call: 260 packets take 3 calls, 258 another 3
        try (JlinkLab lab = JlinkLab.withBoard(JlinkOpenTest.withFreeMemory(JLinkProfile.genuineOb(), 1040));
                JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            int[] words = new int[256];
            Arrays.setAll(words, i -> ~i);
            long calls = probe.counters().usbRoundTrips();
            DapBatch write = probe.newBatch();
            write.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
            write.writeAp(0, AP_TAR, SRAM);
            write.writeApRepeated(0, AP_DRW, words, 0, words.length);
            write.run();
            int[] back = new int[256];
            DapBatch read = probe.newBatch();
            read.writeAp(0, AP_TAR, SRAM);
            read.readApRepeated(0, AP_DRW, back, 0, back.length);
            read.run();

            assertThat(back).containsExactly(words);
            assertThat(probe.counters().usbRoundTrips() - calls).isEqualTo(6);
        }
    }

    @Test
    void closingReleasesAResetItHolds() throws Exception {
        // jlink.md §2.9: a board must not stay in reset because the station let go of its probe
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb())) {
            try (JlinkProbe probe = lab.open()) {
                probe.setResetLine(true);
            }
            lab.board.debugBlock().read(DHCSR, AccessSize.WORD); // clears "reset since last read"
            assertThat(lab.board.debugBlock().read(DHCSR, AccessSize.WORD).data() & S_RESET_ST).isZero();
        }
    }

    @Test
    void aReplyOfWholePacketsAndItsZeroLengthPacketAreReadCleanly() throws Exception {
        // jlink.md §1.3: 33 packets + 8 idle = 1526 clocks, 191 bytes + status = three 64-byte packets, which the
        // probe ends with a zero-length packet; the driver skips it when it reads the next answer
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            DapBatch batch = probe.newBatch();
            List<DapValue> values = new ArrayList<>();
            for (int i = 0; i < 33; i++) {
                values.add(batch.readDp(DP_CTRL_STAT));
            }
            batch.run();
            assertThat(values).allSatisfy(v -> assertThat(v.get() & POWER_ACKS).isEqualTo(POWER_ACKS));
            assertThat(probe.targetVoltage()).hasValue(3.3);
            assertThat(probe.connect()).isEqualTo(DPIDR_STM32F411);
        }
    }

    @Test
    void learnsToWaitForFlashProgrammingInsteadOfPayingACallPerWait() throws Exception {
        // TIMING.md §1: one x32 program operation takes 16 µs and an AHB access meanwhile stalls (WAIT);
        // a write packet at 4 MHz takes 11.5 µs, so back to back writes outrun the flash until idle clocks follow
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.armObStm32Clone()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            DapBatch unlock = probe.newBatch();
            unlock.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
            unlock.writeAp(0, AP_TAR, FLASH_KEYR);
            unlock.writeAp(0, AP_DRW, 0x45670123);
            unlock.writeAp(0, AP_TAR, FLASH_KEYR); // TAR moved on to OPTKEYR
            unlock.writeAp(0, AP_DRW, 0xCDEF89AB);
            unlock.writeAp(0, AP_TAR, FLASH_CR);
            unlock.writeAp(0, AP_DRW, FLASH_CR_PG_X32);
            unlock.run();
            int[] words = new int[128];
            for (int i = 0; i < words.length; i++) {
                words[i] = 0x01010101 * i;
            }
            long calls = probe.counters().usbRoundTrips();

            DapBatch program = probe.newBatch();
            program.writeAp(0, AP_TAR, FLASH_BASE);
            program.writeApRepeated(0, AP_DRW, words, 0, words.length);
            program.run();

            for (int i = 0; i < words.length; i++) {
                assertThat(lab.board.chip().read(FLASH_BASE + 4 * i, AccessSize.WORD).data()).isEqualTo(words[i]);
            }
            // none, 8 and 12 idle clocks are not enough (46 + 12 clocks at 4 MHz = 14.5 µs < 16 µs), 18 are
            // (16 µs): three WAITs, four calls
            assertThat(probe.counters().usbRoundTrips() - calls).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void aBatchCostsItsWireTimeInVirtualTime() throws Exception {
        // TIMING.md §2: 46 clocks per packet at the SWD clock; §3: virtual host time
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.armObStm32Clone()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            int[] back = new int[256];
            DapBatch read = probe.newBatch();
            read.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
            read.writeAp(0, AP_TAR, SRAM);
            read.readApRepeated(0, AP_DRW, back, 0, back.length);
            long start = probe.clock().nanos();
            read.run();
            long wireNanos = 260L * 46 * 1_000_000_000L / 4_000_000;
            assertThat(probe.clock().nanos() - start).isGreaterThanOrEqualTo(wireNanos);
        }
    }

    @Test
    void resetLineHoldsTheCoreInResetUntilReleased() throws Exception {
        // jlink.md §2.9: HW_RESET0 pulls nRESET low, HW_RESET1 releases it, neither answers;
        // stm32f411-target.md: DHCSR.S_RESET_ST reads 1 while the core is held in reset
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            long calls = probe.counters().usbRoundTrips();
            probe.setResetLine(true);
            assertThat(probe.counters().usbRoundTrips()).isEqualTo(calls);
            assertThat(readWord(probe, DHCSR) & S_RESET_ST).isNotZero();
            readWord(probe, DHCSR);
            assertThat(readWord(probe, DHCSR) & S_RESET_ST).as("still held").isNotZero();

            probe.setResetLine(false);
            readWord(probe, DHCSR); // clears "reset since last read"
            assertThat(readWord(probe, DHCSR) & S_RESET_ST).isZero();
        }
    }

    private static int readWord(JlinkProbe probe, int address) throws Exception {
        DapBatch batch = probe.newBatch();
        batch.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
        batch.writeAp(0, AP_TAR, address);
        DapValue value = batch.readAp(0, AP_DRW);
        batch.run();
        return value.get();
    }

    /** Requests debug and system power and reads CTRL/STAT back. */
    static DapValue powerUp(JlinkProbe probe) throws Exception {
        DapBatch batch = probe.newBatch();
        batch.writeDp(DP_CTRL_STAT, CDBGPWRUPREQ | CSYSPWRUPREQ);
        DapValue status = batch.readDp(DP_CTRL_STAT);
        batch.run();
        return status;
    }
}
