package io.flashstation.probe.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.cmsisdap.CmsisDapLab.Personality;
import io.flashstation.sim.target.AccessSize;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DP and AP transfers through each of the three virtual CMSIS-DAP probes to a lab board. */
class CmsisDapTransferTest {

    private static final int STM32F411_DPIDR = 0x2BA0_1477;
    private static final int AHB_AP_IDR = 0x2477_0011;

    @ParameterizedTest
    @EnumSource(Personality.class)
    void connectSwitchesToSwdAndReadsTheDpidr(Personality personality) throws Exception {
        // cmsis-dap.md §4.3 JTAG-to-SWD as one SWJ_Sequence, §14 "Connect and read DPIDR"
        try (CmsisDapLab lab = new CmsisDapLab(personality).withBoard(); DebugProbe probe = lab.open()) {
            ProbeCounters before = probe.counters();
            assertThat(probe.connect()).isEqualTo(STM32F411_DPIDR);
            ProbeCounters after = probe.counters();
            assertThat(after.usbRoundTrips() - before.usbRoundTrips()).as("sequence + DPIDR read").isEqualTo(2);
            assertThat(after.swdTransfers() - before.swdTransfers()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void powersTheDebugDomainUpAndReadsTheAhbApIdentity(Personality personality) throws Exception {
        // adiv5-swd-jtag.md: CTRL/STAT power-up handshake; AP register 0xFC (bank 0xF) is the IDR, which needs a
        // SELECT write the driver adds (cmsis-dap.md §7.2: the probe does not manage SELECT)
        try (CmsisDapLab lab = new CmsisDapLab(personality).withBoard(); DebugProbe probe = lab.open()) {
            probe.connect();
            Adiv5.powerUp(probe);
            DapBatch batch = probe.newBatch();
            DapValue idr = batch.readAp(0, Adiv5.AP_IDR);
            assertThat(batch.size()).isEqualTo(1);
            long transfers = probe.counters().swdTransfers();
            batch.run();
            assertThat(idr.get()).isEqualTo(AHB_AP_IDR);
            assertThat(probe.counters().swdTransfers() - transfers).as("SELECT + IDR read").isEqualTo(2);
            assertThat(batch.size()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void movesFourKibibytesThroughSramInFullPackets(Personality personality) throws Exception {
        // cmsis-dap.md §13.1: an answer of P bytes carries (P - 4) / 4 words of a DAP_TransferBlock and
        // (P - 3) / 4 of a DAP_Transfer, 15 for P = 64 and 127 for P = 512; TAR is set per 1 KiB (§10)
        int[] words = IntStream.range(0, 1024).map(i -> 0x5A00_0000 ^ (i * 0x0101_0101)).toArray();
        int[] back = new int[words.length];
        try (CmsisDapLab lab = new CmsisDapLab(personality).withBoard(); DebugProbe probe = lab.open()) {
            probe.connect();
            Adiv5.powerUp(probe);
            DapBatch write = probe.newBatch();
            Adiv5.queueWrite(write, Adiv5.SRAM, words);
            write.run();

            ProbeCounters before = probe.counters();
            DapBatch read = probe.newBatch();
            Adiv5.queueRead(read, Adiv5.SRAM, back);
            read.run();
            ProbeCounters after = probe.counters();

            assertThat(back).isEqualTo(words);
            int packetSize = personality == Personality.NANODAP_V2_HS ? 512 : 64;
            int wordsPerAnswer = (packetSize - 4) / 4;
            long expectedRoundTrips = (words.length + wordsPerAnswer - 1) / wordsPerAnswer;
            assertThat(expectedRoundTrips).isEqualTo(packetSize == 512 ? 9 : 69);
            assertThat(after.usbRoundTrips() - before.usbRoundTrips()).isEqualTo(expectedRoundTrips);
            // CSW, four TARs and the DRW reads; SELECT already holds AP 0 bank 0 from the write
            assertThat(after.swdTransfers() - before.swdTransfers()).isEqualTo(1 + 4 + 1024);
            assertThat(lab.board.chip().read(Adiv5.SRAM + 4 * 1023, AccessSize.WORD)
                    .data()).isEqualTo(words[1023]);
        }
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void theKindFollowsTheInterface(Personality personality) throws Exception {
        // TIMING.md §3: HID is v1; bulk with 512-byte packets is v2-HS, with 64-byte packets v2-FS
        try (CmsisDapLab lab = new CmsisDapLab(personality).withBoard(); DebugProbe probe = lab.open()) {
            ProbeKind expected = switch (personality) {
                case DAPLINK_V1 -> ProbeKind.CMSIS_DAP_V1;
                case XIAO_V2_FS -> ProbeKind.CMSIS_DAP_V2_FS;
                case NANODAP_V2_HS -> ProbeKind.CMSIS_DAP_V2_HS;
            };
            assertThat(probe.info().kind()).isEqualTo(expected);
        }
    }
}
