package io.flashstation.sim.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The exchange OpenOCD 0.12.0 has with a CMSIS-DAP probe when it initialises and connects over SWD, packet by
 * packet (cmsis-dap.md §14 "What OpenOCD 0.12.0 actually sends", §15 item 13).
 */
class OpenOcdConversationTest {

    @Test
    void initialisationAndConnectAreAnsweredAsOpenOcdRequires() {
        // cmsis-dap.md §14 "What OpenOCD 0.12.0 actually sends"; §15 item 13 lists what it checks in each answer
        ScriptedTarget target = new ScriptedTarget();
        ProbeBench bench = ProbeBench.daplink();
        bench.fixture.insert(target);

        // init: capabilities (Len 1 or 2, SWD bit), version, serial, connect, packet size (Len 2), count (Len 1)
        assertThat(bench.exchange("00 F0")).isEqualTo("00 02 11 00");
        assertThat(bench.exchange("00 04")).startsWith("00 06");
        assertThat(bench.exchange("00 03")).startsWith("00 31");
        assertThat(bench.exchange("02 01")).isEqualTo("02 01");
        assertThat(bench.exchange("00 FF")).isEqualTo("00 02 40 00");
        assertThat(bench.exchange("00 FE")).isEqualTo("00 01 04");
        assertThat(bench.exchange("10 00 00 00 00 00 00")).startsWith("10");
        assertThat(bench.exchange("11 A0 86 01 00")).isEqualTo("11 00");
        assertThat(bench.exchange("04 00 40 00 00 00")).isEqualTo("04 00");
        assertThat(bench.exchange("13 00")).isEqualTo("13 00");
        assertThat(bench.exchange("01 00 01")).isEqualTo("01 00");
        assertThat(bench.exchange("01 01 01")).isEqualTo("01 00");
        assertThat(bench.exchange("11 A0 86 01 00")).isEqualTo("11 00");

        // connect: disconnect, connect, JTAG-to-SWD switch, clock, DPIDR, clear sticky errors
        assertThat(bench.exchange("03")).isEqualTo("03 00");
        assertThat(bench.exchange("02 01")).isEqualTo("02 01");
        assertThat(bench.exchange("12 88 FF FF FF FF FF FF FF 9E E7 FF FF FF FF FF FF FF 00")).isEqualTo("12 00");
        assertThat(bench.exchange("11 A0 86 01 00")).isEqualTo("11 00");
        assertThat(bench.exchange("05 00 01 02")).isEqualTo("05 01 01 77 14 A0 2B");
        assertThat(bench.exchange("05 00 01 00 1E 00 00 00")).isEqualTo("05 01 01");

        // DP init: power-up request, then CTRL/STAT read back with both acknowledges
        assertThat(bench.exchange("05 00 02 04 20 00 00 50 04 00 00 00 50")).isEqualTo("05 02 01");
        assertThat(bench.exchange("05 00 01 06")).isEqualTo("05 01 01 00 00 00 F0");

        assertThat(bench.probe.leds()).isEqualTo(new ProbeLeds(true, true));
        assertThat(target.sequences).containsExactly(136);
    }
}
