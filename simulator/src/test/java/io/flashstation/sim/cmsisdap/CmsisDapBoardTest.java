package io.flashstation.sim.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.core.RunState;
import io.flashstation.sim.time.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * A virtual CMSIS-DAP probe driving a virtual STM32F411 board end to end: the commands of cmsis-dap.md §14 reach
 * the board's SW-DP and AHB-AP, and the board answers as adiv5-swd-jtag.md and stm32f411-target.md say.
 */
class CmsisDapBoardTest {

    private static final String JTAG_TO_SWD = "12 88 FF FF FF FF FF FF FF 9E E7 FF FF FF FF FF FF FF 00";
    private static final String POWER_UP = "05 00 03 04 00 00 00 50 20 00 00 00 A0 16 00 00 00 A0";
    private static final String CSW_32BIT_INCREMENT = "01 12 00 00 A2";

    private final VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(0));
    private final ProbeBench bench = ProbeBench.daplink();

    CmsisDapBoardTest() {
        bench.fixture.insert(board);
    }

    @Test
    void untilTheHostSwitchesToSwdTheDebugPortDoesNotAnswer() {
        // adiv5-swd-jtag.md §2: the SWJ-DP powers up in JTAG mode; cmsis-dap.md §7.3 NO_ACK -> Resp 7
        bench.exchange("02 01");
        assertThat(bench.exchange("05 00 01 02")).isEqualTo("05 00 07");
    }

    @Test
    void readsTheDpidrAfterTheJtagToSwdSwitch() {
        // cmsis-dap.md §14 "Connect and read DPIDR", as OpenOCD 0.12.0 sends it
        connect();
        assertThat(bench.exchange("05 00 01 02")).isEqualTo("05 01 01 77 14 A0 2B");
    }

    @Test
    void powersUpTheDebugDomainWithAValueMatchPoll() {
        // cmsis-dap.md §14 "Power-up and wait with value match" -> 05 03 01
        connectAndReadDpidr();
        assertThat(bench.exchange(POWER_UP)).isEqualTo("05 03 01");
        assertThat(bench.exchange("05 00 01 06")).isEqualTo("05 01 01 00 00 00 F0");
    }

    @Test
    void readsCpuidAndTheApIdentityThroughTheAhbAp() {
        // cmsis-dap.md §14 worked example with TAR = CPUID (0xE000ED00): Cortex-M4 r0p1 reads 0x410FC241
        powerUp();
        assertThat(bench.exchange("05 00 04 08 00 00 00 00 " + CSW_32BIT_INCREMENT + " 05 00 ED 00 E0 0F"))
                .isEqualTo("05 04 01 41 C2 0F 41");
        // AP bank 0xF, register 0xFC: the AHB-AP's IDR
        assertThat(bench.exchange("05 00 02 08 F0 00 00 00 0F")).isEqualTo("05 02 01 11 00 77 24");
    }

    @Test
    void writesAndReadsSramWithBlockTransfers() {
        // cmsis-dap.md §7.5: a write block is Count writes + 1 check read, a read block Count + 1 reads
        powerUp();
        bench.exchange("05 00 03 08 00 00 00 00 " + CSW_32BIT_INCREMENT + " 05 00 00 00 20");
        long transfers = board.counters().swdTransfers();
        assertThat(bench.exchange("06 00 03 00 0D 11 11 11 11 22 22 22 22 33 33 33 33")).isEqualTo("06 03 00 01");
        assertThat(board.counters().swdTransfers() - transfers).isEqualTo(4);

        bench.exchange("05 00 01 05 00 00 00 20");
        transfers = board.counters().swdTransfers();
        assertThat(bench.exchange("06 00 03 00 0F"))
                .isEqualTo("06 03 00 01 11 11 11 11 22 22 22 22 33 33 33 33");
        assertThat(board.counters().swdTransfers() - transfers).isEqualTo(4);
    }

    @Test
    void readsSramWordsWithPostedReadsInOneTransfer() {
        // cmsis-dap.md §7.4 items 1 and 9: a run of k AP reads costs k + 1 transactions
        powerUp();
        bench.exchange("05 00 04 08 00 00 00 00 " + CSW_32BIT_INCREMENT + " 05 00 00 00 20 0D EF BE AD DE");
        bench.exchange("05 00 02 0D 0D F0 0D 60 05 00 00 00 20");
        long transfers = board.counters().swdTransfers();
        assertThat(bench.exchange("05 00 03 05 00 00 00 20 0F 0F")).isEqualTo("05 03 01 EF BE AD DE 0D F0 0D 60");
        assertThat(board.counters().swdTransfers() - transfers).isEqualTo(4);
    }

    @Test
    void aWaitStormIsRetriedInsideTheProbe() {
        // cmsis-dap.md §7.1: WAIT retried up to WaitRetry; TIMING.md §2: 13 bits per WAIT answer
        powerUp();
        board.faults().waitStorm(1, 5);
        long before = bench.probe.nanos();
        assertThat(bench.exchange("05 00 02 08 F0 00 00 00 0F")).isEqualTo("05 02 01 11 00 77 24");
        long expected = VirtualClock.bitTime(46, 1_000_000) * 3 + VirtualClock.bitTime(13, 1_000_000) * 5;
        assertThat(bench.probe.nanos() - before).isEqualTo(expected);
    }

    @Test
    void aWaitStormLongerThanTheRetryCountFailsTheTransfer() {
        // cmsis-dap.md §14: "... keeps answering WAIT beyond WaitRetry" -> ACK WAIT in Resp
        powerUp();
        bench.exchange("04 00 02 00 00 00");
        board.faults().waitStorm(1, 10);
        assertThat(bench.exchange("05 00 02 08 F0 00 00 00 0F")).isEqualTo("05 01 02");
    }

    @Test
    void aVanishedTargetAnswersNoAck() {
        // cmsis-dap.md §15 item 9: NO_ACK -> 0x07
        connectAndReadDpidr();
        board.faults().vanish(true);
        assertThat(bench.exchange("05 00 01 02")).isEqualTo("05 00 07");
    }

    @Test
    void swdSequenceReadsTheDpidrBitByBit() {
        // cmsis-dap.md §5.2: request header 0xA5 out, then turnaround + ACK + 32 data + parity + turnaround in
        connect();
        String answer = bench.exchange("1D 03 08 A5 A6 08 00");
        assertThat(answer).startsWith("1D 00");
        byte[] captured = Hex.bytes(answer);
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits |= (captured[2 + i] & 0xFFL) << (8 * i);
        }
        assertThat((bits >> 1) & 7).as("ACK OK").isEqualTo(1);
        assertThat((int) (bits >>> 4)).isEqualTo(0x2BA01477);
        assertThat(bench.exchange("05 00 01 06")).startsWith("05 01 01");
    }

    @Test
    void nResetHoldsTheCoreInResetUntilReleased() {
        // cmsis-dap.md §4.1: nRESET low drives the board's NRST; stm32f411-target.md: the core is held in reset
        // and DHCSR.S_RESET_ST (bit 25) reports it
        powerUp();
        bench.exchange("05 00 03 08 00 00 00 00 " + CSW_32BIT_INCREMENT + " 05 F0 ED 00 E0");
        bench.exchange("05 00 01 0F"); // reading DHCSR clears the sticky reset bit of the power-on
        assertThat(bench.exchange("10 00 80 00 00 00 00")).isEqualTo("10 2F");
        assertThat(board.debugBlock().core().runState()).isEqualTo(RunState.IN_RESET);
        assertThat(dhcsrResetBit()).isTrue();
        assertThat(bench.exchange("10 80 80 00 00 00 00")).isEqualTo("10 AF");
        assertThat(board.debugBlock().core().runState()).isNotEqualTo(RunState.IN_RESET);
    }

    @Test
    void theBoardCountsTheSessionsWireTime() {
        // TIMING.md §4: a board's virtual time runs from the session's first to its last wire activity
        bench.probe.hostOpened(0);
        connectAndReadDpidr();
        bench.probe.hostClosed(bench.probe.nanos());
        assertThat(board.counters().virtualNanos()).isEqualTo(VirtualClock.bitTime(136 + 46, 1_000_000));
        assertThat(board.counters().swdTransfers()).isEqualTo(1);
    }

    private boolean dhcsrResetBit() {
        bench.exchange("05 00 01 05 F0 ED 00 E0");
        byte[] answer = Hex.bytes(bench.exchange("05 00 01 0F"));
        return (answer[6] & 0x02) != 0;
    }

    private void connect() {
        assertThat(bench.exchange("02 01")).isEqualTo("02 01");
        assertThat(bench.exchange(JTAG_TO_SWD)).isEqualTo("12 00");
    }

    private void connectAndReadDpidr() {
        connect();
        assertThat(bench.exchange("05 00 01 02")).startsWith("05 01 01");
    }

    private void powerUp() {
        connectAndReadDpidr();
        assertThat(bench.exchange("05 00 01 00 1E 00 00 00")).isEqualTo("05 01 01");
        assertThat(bench.exchange(POWER_UP)).isEqualTo("05 03 01");
    }
}
