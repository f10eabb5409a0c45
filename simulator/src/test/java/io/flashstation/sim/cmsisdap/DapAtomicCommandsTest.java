package io.flashstation.sim.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DAP_ExecuteCommands, DAP_QueueCommands and DAP_TransferAbort (cmsis-dap.md §7.6, §8, §15 items 2 and 10). */
class DapAtomicCommandsTest {

    private final ProbeBench bench = ProbeBench.daplink();

    @Test
    void executeCommandsRunsEachAndConcatenatesTheAnswers() {
        // cmsis-dap.md §14 "Atomic pin sequence"; pins read back with nRESET (bit 7) low, §4.1 bit map
        assertThat(bench.exchange("7F 02 10 00 80 00 00 00 00 09 E8 03")).isEqualTo("7F 02 10 2F 09 00");
    }

    @Test
    void anUnknownSubCommandAnswersFfAndCountsAsOneByte() {
        // cmsis-dap.md §8: the firmware finds each sub-request by parsing; an unknown one desynchronises the rest
        assertThat(bench.exchange("7F 02 42 01 00 01")).isEqualTo("7F 02 FF 01 00");
        assertThat(bench.exchange("7F 01 7F 00")).isEqualTo("7F 01 FF");
    }

    @Test
    void queuedCommandsWaitForAPacketOfAnotherKindAndAnswerAsExecuteCommands() {
        // cmsis-dap.md §8: 0x7E packets are held until a non-0x7E packet arrives; their answers carry ID 0x7F
        CmsisDapProbe probe = bench.probe;
        probe.receive(Hex.bytes("7E 01 01 00 01"), 1_000);
        probe.receive(Hex.bytes("7E 01 01 01 01"), 2_000);
        assertThat(probe.nextAnswer()).isNull();
        assertThat(probe.leds()).isEqualTo(new ProbeLeds(false, false));

        probe.receive(Hex.bytes("00 FE"), 50_000);
        CmsisDapProbe.Answer first = probe.nextAnswer();
        assertThat(Hex.of(first.data())).isEqualTo("7F 01 01 00");
        assertThat(first.readyNanos()).as("held until the terminating packet arrived").isEqualTo(50_000);
        assertThat(Hex.of(probe.nextAnswer().data())).isEqualTo("7F 01 01 00");
        assertThat(Hex.of(probe.nextAnswer().data())).isEqualTo("00 01 04");
        assertThat(probe.leds()).isEqualTo(new ProbeLeds(true, true));
    }

    @Test
    void queuedCommandsBeyondThePacketCountAreNotTaken() {
        // cmsis-dap.md §8: at most DAP_PACKET_COUNT buffers; with all of them holding queued packets the firmware
        // stops reading its OUT endpoint, so a further packet is never taken
        ProbeBench twoBuffers = new ProbeBench(ProbeIdentity.xiaoDaplinkV2(1));
        CmsisDapProbe probe = twoBuffers.probe;
        probe.receive(Hex.bytes("7E 01 01 00 01"), 0);
        probe.receive(Hex.bytes("7E 01 01 01 01"), 0);
        probe.receive(Hex.bytes("00 FE"), 0);
        assertThat(probe.nextAnswer()).isNull();
    }

    @Test
    void transferAbortIsNeverAnswered() {
        // cmsis-dap.md §7.6 / §15 item 2
        bench.probe.receive(Hex.bytes("07"), 0);
        assertThat(bench.probe.nextAnswer()).isNull();
        assertThat(bench.exchange("00 FE")).isEqualTo("00 01 04");
    }

    @Test
    void anAbortArrivingDuringATransferStopsItBetweenTransactions() {
        // cmsis-dap.md §7.4 item 6: the flag is tested between wire operations; the answer holds what completed
        ScriptedTarget target = new ScriptedTarget();
        ProbeBench connected = ProbeBench.connectedTo(target);
        CmsisDapProbe probe = connected.probe;
        long start = probe.nanos();
        // four DPIDR reads at 1 MHz take 46 us each; the abort arrives during the second
        probe.receive(Hex.bytes("05 00 04 02 02 02 02"), start);
        probe.receive(Hex.bytes("07"), start + 60_000);
        assertThat(Hex.of(probe.nextAnswer().data())).isEqualTo("05 02 01 77 14 A0 2B 77 14 A0 2B");
        assertThat(target.log).hasSize(2);
    }

    @Test
    void anAbortBeforeATransferStartsIsCleared() {
        // cmsis-dap.md §7.6: each Transfer clears the flag at its start, so a stray abort is harmless
        ScriptedTarget target = new ScriptedTarget();
        ProbeBench connected = ProbeBench.connectedTo(target);
        CmsisDapProbe probe = connected.probe;
        long start = probe.nanos();
        probe.receive(Hex.bytes("07"), start);
        probe.receive(Hex.bytes("05 00 02 02 02"), start + 1_000);
        assertThat(Hex.of(probe.nextAnswer().data())).isEqualTo("05 02 01 77 14 A0 2B 77 14 A0 2B");
    }
}
