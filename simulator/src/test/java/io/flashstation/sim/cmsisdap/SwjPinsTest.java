package io.flashstation.sim.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DAP_SWJ_Pins and the board's NRST line (cmsis-dap.md §4.1, §3.3, §3.4). */
class SwjPinsTest {

    private final ScriptedTarget target = new ScriptedTarget();
    private final ProbeBench bench = ProbeBench.daplink();

    SwjPinsTest() {
        bench.fixture.insert(target);
    }

    @Test
    void aPureReadReportsThePinLevelsAndDrivesNothing() {
        // cmsis-dap.md §4.1: "10 00 00 00 00 00 00" reads; all lines idle high, TDO on its pull-up
        assertThat(bench.exchange("10 00 00 00 00 00 00")).isEqualTo("10 AF");
        assertThat(target.resetLine).isEmpty();
    }

    @Test
    void nResetLowAssertsTheBoardsResetAndHighReleasesIt() {
        // cmsis-dap.md §4.1: pyOCD style, select 0x80 with out 0x00 then 0x80
        assertThat(bench.exchange("10 00 80 00 00 00 00")).isEqualTo("10 2F");
        assertThat(bench.exchange("10 80 80 00 00 00 00")).isEqualTo("10 AF");
        assertThat(target.resetLine).containsExactly(true, false);
    }

    @Test
    void openOcdDrivesResetWithNtrstSelectedToo() {
        // cmsis-dap.md §4.1: OpenOCD selects nTRST and nRESET (0xA0) and drives the asserted one low
        assertThat(bench.exchange("10 20 A0 00 00 00 00")).isEqualTo("10 2F");
        assertThat(bench.exchange("10 A0 A0 00 00 00 00")).isEqualTo("10 AF");
        assertThat(target.resetLine).containsExactly(true, false);
    }

    @Test
    void onlySelectedPinsChange() {
        // cmsis-dap.md §4.1: only bits set in PinSelect are driven
        assertThat(bench.exchange("10 00 01 00 00 00 00")).isEqualTo("10 AE");
        assertThat(bench.exchange("10 00 00 00 00 00 00")).isEqualTo("10 AE");
        assertThat(target.resetLine).isEmpty();
    }

    @Test
    void connectAndDisconnectLetAHeldResetGo() {
        // cmsis-dap.md §3.3/§3.4: the port set-up drives nRESET high, port off leaves it to the board's pull-up
        bench.exchange("10 00 80 00 00 00 00");
        bench.exchange("02 01");
        assertThat(target.resetLine).containsExactly(true, false);
        bench.exchange("10 00 80 00 00 00 00");
        bench.exchange("03");
        assertThat(target.resetLine).containsExactly(true, false, true, false);
    }

    @Test
    void anEmptyFixtureStillAnswers() {
        // cmsis-dap.md §4.1: the probe's own pins read back whether or not a board is there
        ProbeBench empty = ProbeBench.daplink();
        assertThat(empty.exchange("10 00 80 00 00 00 00")).isEqualTo("10 2F");
    }
}
