package io.flashstation.probe.stlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeIndication;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.SwdTransferException.Failure;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.stlink.StlinkModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Connecting to the board, DAP register batches, the SWD clock and the reset line. */
class StlinkProbeTest {

    private static final int DP_CTRL_STAT = 0x4;
    private static final int CSYSPWRUPREQ_CDBGPWRUPREQ = 0x5000_0000;
    private static final int POWER_UP_ACKS = 0xA000_0000;
    private static final int AP_IDR = 0xFC;
    private static final int AP_CSW = 0x00;
    private static final int AP_TAR = 0x04;
    private static final int AP_DRW = 0x0C;
    private static final int DHCSR = 0xE000_EDF0;
    private static final int S_RESET_ST = 1 << 25;
    private static final int SRAM = 0x2000_0000;

    // stlink.md §9.1/§12 item 6: ENTER SWD, then DPIDR of the STM32F411 SW-DP
    @ParameterizedTest
    @EnumSource(value = StlinkModel.class, names = {"V2", "V2_1", "V3"})
    void connectReadsTheDpidr(StlinkModel model) throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(model); DebugProbe probe = bench.open()) {
            assertThat(probe.connect()).isEqualTo(0x2BA01477);
        }
    }

    // stlink.md §9.1: ENTER, INIT_AP 0 (J28+), READ_DAP_REG DPIDR, READMEM CPUID + GETLASTRWSTATUS2
    @Test
    void connectCostsFiveRoundTrips() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.open()) {
            ProbeCounters before = probe.counters();
            probe.connect();
            assertThat(probe.counters().usbRoundTrips() - before.usbRoundTrips()).isEqualTo(5);
            // ENTER's DPIDR read, the DPIDR read, and CPUID: CSW + TAR + DRW + RDBUFF
            assertThat(probe.counters().swdTransfers() - before.swdTransfers()).isEqualTo(1 + 1 + 4);
        }
    }

    // stlink.md §9.1 step 11 / §5.2: connect learns from CPUID (Cortex-M4) that TAR wraps at 4 KiB
    @Test
    void connectWidensTheMemoryBoundaryForACortexM4() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            assertThat(((StlinkMemoryPort) probe.memoryPort().orElseThrow()).boundary()).isEqualTo(4096);
        }
    }

    // a second connect leaves debug mode first and enters it again (stlink.md §9.1 step 3)
    @Test
    void reconnects() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2_1); DebugProbe probe = bench.connected()) {
            assertThat(probe.connect()).isEqualTo(0x2BA01477);
        }
    }

    // stlink.md §7: ENTER answers JTAG_GET_IDCODE_ERROR (0x09) when no SW-DP answers → NO_ACK
    @Test
    void connectWithAnEmptyFixtureFindsNoTarget() throws Exception {
        try (StlinkBench bench = StlinkBench.emptyFixture(StlinkModel.V2); DebugProbe probe = bench.open()) {
            assertThatThrownBy(probe::connect)
                    .isInstanceOfSatisfying(SwdTransferException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.NO_ACK))
                    .hasMessageContaining("no target")
                    .hasMessageContaining("0x09");
            // target access without a debug session is refused before anything goes over USB
            long trips = probe.counters().usbRoundTrips();
            assertThatThrownBy(() -> probe.memoryPort().orElseThrow().readWords(SRAM, new int[1], 0, 1))
                    .isInstanceOf(ProbeException.class).hasMessageContaining("connect()");
            assertThat(probe.counters().usbRoundTrips()).isEqualTo(trips);
        }
    }

    // the board arrives after a failed connect: the next connect finds it
    @Test
    void connectsOnceABoardIsInserted() throws Exception {
        try (StlinkBench bench = StlinkBench.emptyFixture(StlinkModel.V3); DebugProbe probe = bench.open()) {
            assertThatThrownBy(probe::connect).isInstanceOf(SwdTransferException.class);
            bench.fixture.insert(VirtualBoard.open(BoardConfig.labBoard(1)));
            assertThat(probe.connect()).isEqualTo(0x2BA01477);
        }
    }

    // stlink.md §4 0x45/0x46: DP power-up through WRITE/READ_DAP_REG; AHB-AP IDR 0x24770011 (§9.0)
    @Test
    void dapBatchPowersUpAndReadsTheApIdr() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            ProbeCounters before = probe.counters();
            DapBatch batch = probe.newBatch();
            batch.writeDp(DP_CTRL_STAT, CSYSPWRUPREQ_CDBGPWRUPREQ);
            DapValue ctrlStat = batch.readDp(DP_CTRL_STAT);
            DapValue idr = batch.readAp(0, AP_IDR);
            assertThat(batch.size()).isEqualTo(3);
            batch.run();
            assertThat(batch.size()).isZero();
            assertThat(ctrlStat.get() & POWER_UP_ACKS).isEqualTo(POWER_UP_ACKS);
            assertThat(idr.get()).isEqualTo(0x24770011);
            ProbeCounters after = probe.counters();
            // one USB exchange per register access: the firmware takes no more
            assertThat(after.usbRoundTrips() - before.usbRoundTrips()).isEqualTo(3);
            // DP write 1, DP read 1, AP read 2 (posted read + RDBUFF)
            assertThat(after.swdTransfers() - before.swdTransfers()).isEqualTo(4);
        }
    }

    // adiv5: DRW with CSW auto-increment through the DAP register commands, repeated transfers in order
    @Test
    void dapBatchMovesMemoryThroughDrw() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V3); DebugProbe probe = bench.connected()) {
            int csw32Increment = 0xA200_0012;
            int[] written = {0x11111111, 0x22222222, 0x33333333, 0x44444444};
            DapBatch write = probe.newBatch();
            write.writeAp(0, AP_CSW, csw32Increment);
            write.writeAp(0, AP_TAR, SRAM + 0x40);
            write.writeApRepeated(0, AP_DRW, written, 0, 4);
            write.run();
            int[] read = new int[6];
            DapBatch batch = probe.newBatch();
            batch.writeAp(0, AP_TAR, SRAM + 0x40);
            batch.readApRepeated(0, AP_DRW, read, 1, 4);
            batch.run();
            assertThat(read).containsExactly(0, 0x11111111, 0x22222222, 0x33333333, 0x44444444, 0);
            // and the firmware's memory commands agree with what DRW wrote
            int[] viaPort = new int[4];
            probe.memoryPort().orElseThrow().readWords(SRAM + 0x40, viaPort, 0, 4);
            assertThat(viaPort).containsExactly(written);
        }
    }

    // stlink.md §7: a FAULT ACK (SWD_AP_FAULT) stops the batch at that transfer; earlier ones took effect
    @Test
    void dapBatchStopsAtTheFaultingTransfer() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            DapBatch batch = probe.newBatch();
            DapValue before = batch.readDp(DP_CTRL_STAT);
            batch.writeAp(0, AP_CSW, 0xA200_0012);
            batch.writeAp(0, AP_TAR, 0x6000_0000); // nothing is mapped there on the F411
            DapValue faulting = batch.readAp(0, AP_DRW);
            DapValue after = batch.readDp(DP_CTRL_STAT);
            assertThatThrownBy(batch::run)
                    .isInstanceOfSatisfying(SwdTransferException.class, e -> {
                        assertThat(e.failure()).isEqualTo(Failure.FAULT);
                        assertThat(e.index()).isEqualTo(3);
                    });
            assertThat(before.get()).isNotZero();
            assertThatThrownBy(faulting::get).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(after::get).isInstanceOf(IllegalStateException.class);
        }
    }

    // stlink.md §6: V2 divisor table — exact, highest below, slowest when below them all
    @Test
    void v2ClockComesFromTheDivisorTable() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.open()) {
            long trips = probe.counters().usbRoundTrips();
            assertThat(probe.setSwdClock(4_000_000)).isEqualTo(4_000_000);
            assertThat(probe.setSwdClock(24_000_000)).isEqualTo(4_000_000);
            assertThat(probe.setSwdClock(2_000_000)).isEqualTo(1_800_000);
            assertThat(probe.setSwdClock(1_000_000)).isEqualTo(950_000);
            assertThat(probe.setSwdClock(1_000)).isEqualTo(5_000);
            assertThat(probe.counters().usbRoundTrips() - trips).isEqualTo(5);
        }
    }

    // stlink.md §6: V3 lists its clocks (24000, 8000, 3300, 1000, 200, 50, 5 kHz) once, then sets the chosen one
    @Test
    void v3ClockComesFromTheProbesList() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V3); DebugProbe probe = bench.open()) {
            long trips = probe.counters().usbRoundTrips();
            assertThat(probe.setSwdClock(24_000_000)).isEqualTo(24_000_000);
            assertThat(probe.counters().usbRoundTrips() - trips).isEqualTo(2);
            assertThat(probe.setSwdClock(2_000_000)).isEqualTo(1_000_000);
            assertThat(probe.setSwdClock(8_000_000)).isEqualTo(8_000_000);
            assertThat(probe.setSwdClock(0)).isEqualTo(5_000);
            assertThat(probe.counters().usbRoundTrips() - trips).isEqualTo(5);
        }
    }

    // TIMING.md §2: the chosen clock is the one the wire runs at — 1 KiB at 5 kHz takes far longer than at 4 MHz
    @Test
    void theClockSetIsTheClockTheWireRuns() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            int[] words = new int[256];
            probe.setSwdClock(4_000_000);
            long start = probe.clock().nanos();
            probe.memoryPort().orElseThrow().readWords(SRAM, words, 0, words.length);
            long fast = probe.clock().nanos() - start;
            probe.setSwdClock(5_000);
            start = probe.clock().nanos();
            probe.memoryPort().orElseThrow().readWords(SRAM, words, 0, words.length);
            long slow = probe.clock().nanos() - start;
            // 256 reads × 46 bits at 5 kHz ≈ 2.4 s of wire time alone
            assertThat(slow).isGreaterThan(2_000_000_000L);
            assertThat(fast).isLessThan(20_000_000L);
        }
    }

    // stlink.md §4 DRIVE_NRST: the board's core goes through reset (DHCSR.S_RESET_ST, sticky until read)
    @Test
    void resetLineResetsTheBoard() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2_1); DebugProbe probe = bench.connected()) {
            int[] dhcsr = new int[1];
            probe.memoryPort().orElseThrow().readWords(DHCSR, dhcsr, 0, 1);
            probe.memoryPort().orElseThrow().readWords(DHCSR, dhcsr, 0, 1);
            assertThat(dhcsr[0] & S_RESET_ST).isZero();
            probe.setResetLine(true);
            probe.setResetLine(false);
            probe.memoryPort().orElseThrow().readWords(DHCSR, dhcsr, 0, 1);
            assertThat(dhcsr[0] & S_RESET_ST).isEqualTo(S_RESET_ST);
        }
    }

    // ST-Links have no host-driven LEDs: indicating costs nothing
    @Test
    void indicateIsFree() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.open()) {
            ProbeCounters before = probe.counters();
            probe.indicate(ProbeIndication.BUSY);
            assertThat(probe.counters()).isEqualTo(before);
        }
    }
}
