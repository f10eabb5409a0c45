package io.flashstation.sim.cmsisdap;

import static io.flashstation.sim.debug.SwdAck.FAULT;
import static io.flashstation.sim.debug.SwdAck.OK;
import static io.flashstation.sim.debug.SwdAck.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/** DAP_Transfer as the reference firmware runs it (cmsis-dap.md §7.2-§7.4, §14, §15 items 5-9). */
class DapTransferTest {

    private static final String READ_SRAM_WORD = "05 00 04  08 00 00 00 00  01 52 00 00 23  05 00 00 00 20  0F";

    private final ScriptedTarget target = new ScriptedTarget();
    private final ProbeBench bench = ProbeBench.connectedTo(target);

    @Test
    void readsDpidr() {
        // cmsis-dap.md §14 "Connect and read DPIDR"
        assertThat(bench.exchange("05 00 01 02")).isEqualTo("05 01 01 77 14 A0 2B");
        assertThat(target.log).containsExactly("DP R 0");
    }

    @Test
    void workedExampleReadsOneWordThroughThePostedDrwRead() {
        // cmsis-dap.md §14: SELECT, CSW, TAR writes, posted DRW read, RDBUFF read returns the data
        target.memory.put(0x20000000, 0x12345678);
        assertThat(bench.exchange(READ_SRAM_WORD)).isEqualTo("05 04 01 78 56 34 12");
        assertThat(target.log).containsExactly(
                "DP W 8 0", "AP W 0 23000052", "AP W 4 20000000", "AP R c", "DP R c");
    }

    @Test
    void consecutiveApReadsChainAndTheLastIsCollectedFromRdbuff() {
        // cmsis-dap.md §7.4 item 1 and 9: k AP reads cost k + 1 transactions; data comes back un-posted
        target.memory.put(0x20000000, 0x11111111);
        target.memory.put(0x20000004, 0x22222222);
        target.memory.put(0x20000008, 0x33333333);
        String answer = bench.exchange("05 00 05 01 12 00 00 23 05 00 00 00 20 0F 0F 0F");
        assertThat(answer).isEqualTo("05 05 01 11 11 11 11 22 22 22 22 33 33 33 33");
        assertThat(target.log).endsWith("AP R c", "AP R c", "AP R c", "DP R c");
    }

    @Test
    void aWriteAfterAnApReadCollectsThePostedValueFirst() {
        // cmsis-dap.md §7.4 item 1: the next access that is not a plain AP read is preceded by RDBUFF
        target.memory.put(0x20000000, 0xCAFEF00D);
        String answer = bench.exchange("05 00 04 01 12 00 00 23 05 00 00 00 20 0F 05 00 01 00 20");
        assertThat(answer).isEqualTo("05 04 01 0D F0 FE CA");
        assertThat(target.log).containsSubsequence("AP R c", "DP R c", "AP W 4 20000100", "DP R c");
    }

    @Test
    void aTrailingWriteIsCheckedWithAnRdbuffRead() {
        // cmsis-dap.md §7.4 item 2: the check read lands in Resp without changing Count
        assertThat(bench.exchange("05 00 01 05 00 00 00 20")).isEqualTo("05 01 01");
        assertThat(target.log).containsExactly("AP W 4 20000000", "DP R c");

        target.log.clear();
        target.script(OK, FAULT);
        assertThat(bench.exchange("05 00 01 05 00 00 00 20")).isEqualTo("05 01 04");
    }

    @Test
    void waitIsRetriedUpToTheConfiguredCount() {
        // cmsis-dap.md §7.1: WaitRetry further attempts after the first WAIT
        assertThat(bench.exchange("04 00 03 00 00 00")).isEqualTo("04 00");
        target.script(WAIT, WAIT, WAIT);
        assertThat(bench.exchange("05 00 01 02")).isEqualTo("05 01 01 77 14 A0 2B");
        assertThat(target.log).containsExactly("DP R 0 WAIT", "DP R 0 WAIT", "DP R 0 WAIT", "DP R 0");
    }

    @Test
    void waitBeyondTheRetryCountStopsTheTransfer() {
        // cmsis-dap.md §14 failure replies: "DRW post keeps answering WAIT beyond WaitRetry: 05 03 02"
        bench.exchange("04 00 02 00 00 00");
        target.script(OK, OK, OK, WAIT, WAIT, WAIT);
        assertThat(bench.exchange(READ_SRAM_WORD)).isEqualTo("05 03 02");
        assertThat(Collections.frequency(target.log, "AP R c WAIT")).isEqualTo(3);
        assertThat(target.log).doesNotContain("DP R c");
    }

    @Test
    void faultStopsAtTheFailingTransferAndSkipsTheRest() {
        // cmsis-dap.md §14: "TAR write answers FAULT: 05 02 04 (SELECT + CSW done, no data)"
        target.script(OK, OK, FAULT);
        assertThat(bench.exchange(READ_SRAM_WORD)).isEqualTo("05 02 04");
        assertThat(target.log).hasSize(3);
    }

    @Test
    void failedCollectionCountsThePostedReadButReturnsNoData() {
        // cmsis-dap.md §14: "DRW posted OK but the RDBUFF collection read gets FAULT: 05 04 04"
        target.script(OK, OK, OK, OK, FAULT);
        assertThat(bench.exchange(READ_SRAM_WORD)).isEqualTo("05 04 04");
    }

    @Test
    void valueMatchPollsUntilTheMaskedValueMatchesAndReturnsNoData() {
        // cmsis-dap.md §14 "Power-up and wait with value match" -> 05 03 01 (no data word)
        assertThat(bench.exchange("05 00 03 04 00 00 00 50 20 00 00 00 A0 16 00 00 00 A0"))
                .isEqualTo("05 03 01");
        // the command ends with a read, so no write check follows (§7.4 item 2)
        assertThat(target.log).containsExactly("DP W 4 50000000", "DP R 4");
    }

    @Test
    void valueMismatchAfterMatchRetriesAnswersOkWithTheMismatchBit() {
        // cmsis-dap.md §14: timeout -> 05 02 11, the count excludes the match read; §7.1 MatchRetry
        bench.exchange("04 00 64 00 02 00");
        assertThat(bench.exchange("05 00 03 04 00 00 00 00 20 00 00 00 A0 16 00 00 00 A0"))
                .isEqualTo("05 02 11");
        assertThat(Collections.frequency(target.log, "DP R 4")).isEqualTo(3);
    }

    @Test
    void matchMaskIsStickyAcrossCommands() {
        // cmsis-dap.md §7.2: MatchMask persists until rewritten; the mask write itself does not touch the wire
        bench.exchange("05 00 01 20 00 00 00 A0");
        assertThat(target.log).isEmpty();
        assertThat(bench.exchange("05 00 01 16 00 00 00 A0")).isEqualTo("05 00 11");
    }

    @Test
    void apValueMatchPostsOnceThenReadsTheApRegister() {
        // cmsis-dap.md §7.4 item 5; the mask starts at 0, so the first read matches value 0
        assertThat(bench.exchange("05 00 01 1F 00 00 00 00")).isEqualTo("05 01 01");
        assertThat(target.log).containsExactly("AP R c", "AP R c");
    }

    @Test
    void parityErrorAnswersProtocolErrorWithAckBitsZero() {
        // cmsis-dap.md §7.3 / §15 item 9: parity error -> Resp 0x08
        target.flipParity(1);
        assertThat(bench.exchange("05 00 02 02 06")).isEqualTo("05 00 08");
    }

    @Test
    void anEmptyFixtureAnswersNoAck() {
        // cmsis-dap.md §7.3 / §15 item 9: nobody drives SWDIO, the ACK reads 0b111
        ProbeBench empty = ProbeBench.daplink();
        empty.exchange("02 01");
        assertThat(empty.exchange("05 00 01 02")).isEqualTo("05 00 07");
        assertThat(empty.exchange("06 00 02 00 0F")).isEqualTo("06 00 00 07");
        assertThat(empty.exchange("08 00 1E 00 00 00")).isEqualTo("08 00");
    }

    @Test
    void writeAbortWritesDpAbortAndIgnoresTheAck() {
        // cmsis-dap.md §3.5
        target.script(FAULT);
        assertThat(bench.exchange("08 00 1E 00 00 00")).isEqualTo("08 00");
        assertThat(target.log).containsExactly("DP W 0 1e FAULT");
    }

    @Test
    void idleCyclesFollowEverySuccessfulTransfer() {
        // cmsis-dap.md §7.1: IdleCycles extra clocks after each transfer
        bench.exchange("04 08 40 00 00 00");
        target.sequences.clear();
        bench.exchange("05 00 01 02");
        assertThat(target.sequences).containsExactly(8);
    }

    @Test
    void afterAFailureTheRestOfTheRequestIsParsedNotExecuted() {
        // cmsis-dap.md §7.4 item 3, §8: the request length stays right inside DAP_ExecuteCommands
        target.script(FAULT);
        assertThat(bench.exchange("7F 02 05 00 03 02 05 00 00 00 20 1F 00 00 00 00 01 00 01"))
                .isEqualTo("7F 02 05 00 04 01 00");
        assertThat(target.log).containsExactly("DP R 0 FAULT");
    }

    @Test
    void aFailedCollectionBeforeAWriteLeavesTheWritesDataToBeParsedAsCommands() {
        // DAP.c V2.1.2 (cmsis-dap.md §7.4 items 3 and 8): the write's data bytes are loaded only after the RDBUFF
        // collection succeeded, so when it fails they are not skipped and the next sub-command starts inside them.
        // Here "01 00 00" (HostStatus: connect LED off) runs instead of the intended "01 00 01".
        target.script(OK, FAULT);
        assertThat(bench.exchange("7F 02 05 00 02 0F 0D 01 00 00 00 01 00 01")).isEqualTo("7F 02 05 01 04 01 00");
        assertThat(bench.probe.leds().connected()).isFalse();
    }
}
