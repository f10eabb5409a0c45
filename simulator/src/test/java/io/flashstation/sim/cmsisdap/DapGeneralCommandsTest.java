package io.flashstation.sim.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.usb.UsbSpeed;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The general, SWJ and SWD configuration commands, byte for byte (cmsis-dap.md §1-§5). */
class DapGeneralCommandsTest {

    private final ProbeBench bench = ProbeBench.daplink();

    @Test
    void dapInfoStringsAreLengthPrefixedAndNulTerminated() {
        // cmsis-dap.md §3.1: Len counts the terminating NUL
        assertThat(bench.exchange("00 04")).isEqualTo("00 06 31 2E 33 2E 30 00"); // "1.3.0"
        assertThat(bench.exchange("00 09")).isEqualTo("00 05 30 32 35 37 00"); // "0257"
        assertThat(infoString("00 01")).isEqualTo("ARM");
        assertThat(infoString("00 02")).isEqualTo("DAPLink CMSIS-DAP");
        assertThat(infoString("00 03")).isEqualTo(ProbeIdentity.daplinkV1(1).serial());
    }

    @Test
    void dapInfoCapabilitiesPacketSizeAndCount() {
        // cmsis-dap.md §3.1: caps Len 2, SWD (bit 0) and atomic commands (bit 4); size SHORT; count BYTE
        assertThat(bench.exchange("00 F0")).isEqualTo("00 02 11 00");
        assertThat(bench.exchange("00 FF")).isEqualTo("00 02 40 00");
        assertThat(bench.exchange("00 FE")).isEqualTo("00 01 04");
    }

    @Test
    void dapInfoWithoutAnAnswerHasLengthZero() {
        // cmsis-dap.md §3.1: no target device on a generic probe, no SWO buffer without SWO, unknown ID -> Len 0
        assertThat(bench.exchange("00 05")).isEqualTo("00 00");
        assertThat(bench.exchange("00 06")).isEqualTo("00 00");
        assertThat(bench.exchange("00 FD")).isEqualTo("00 00");
        assertThat(bench.exchange("00 F1")).isEqualTo("00 00");
        assertThat(bench.exchange("00 42")).isEqualTo("00 00");
    }

    @Test
    void dapInfoNamesTheTargetDeviceOfAFixedTargetProbe() {
        // cmsis-dap.md §3.1: IDs 5/6 are answered by boards with a fixed target
        ProbeIdentity onboard = new ProbeIdentity(0x0D28, 0x0204, 0x0100, "ARM", "Onboard CMSIS-DAP", "42",
                "CMSIS-DAP v2", "2.1.0", "1.0", "STMicroelectronics", "STM32F411CEUx", UsbSpeed.FULL, 64, 1,
                4_000_000);
        ProbeBench fixedTarget = new ProbeBench(onboard);
        assertThat(fixedTarget.exchange("00 05")).startsWith("00 13 53 54");
        assertThat(fixedTarget.exchange("00 06")).isEqualTo("00 0E " + Hex.of("STM32F411CEUx".getBytes(
                StandardCharsets.US_ASCII)) + " 00");
    }

    @Test
    void hostStatusSetsTheLeds() {
        // cmsis-dap.md §3.2
        assertThat(bench.exchange("01 00 01")).isEqualTo("01 00");
        assertThat(bench.probe.leds()).isEqualTo(new ProbeLeds(true, false));
        assertThat(bench.exchange("01 01 01")).isEqualTo("01 00");
        assertThat(bench.probe.leds()).isEqualTo(new ProbeLeds(true, true));
        assertThat(bench.exchange("01 00 00")).isEqualTo("01 00");
        assertThat(bench.probe.leds()).isEqualTo(new ProbeLeds(false, true));
    }

    @Test
    void hostStatusOfAnUnknownLedIsAnError() {
        // cmsis-dap.md §3.2: unknown Type -> status 0xFF
        assertThat(bench.exchange("01 07 01")).isEqualTo("01 FF");
        assertThat(bench.probe.leds()).isEqualTo(new ProbeLeds(false, false));
    }

    @Test
    void connectAnswersThePortItInitialised() {
        // cmsis-dap.md §3.3: 0 = default (SWD here), 1 = SWD, JTAG on an SWD-only probe fails with 0
        assertThat(bench.exchange("02 00")).isEqualTo("02 01");
        assertThat(bench.exchange("02 01")).isEqualTo("02 01");
        assertThat(bench.exchange("02 02")).isEqualTo("02 00");
        assertThat(bench.exchange("03")).isEqualTo("03 00");
    }

    @Test
    void failedJtagConnectLeavesTheSwdPortConnected() {
        // cmsis-dap.md §3.3: the firmware only changes the port when it can set it up
        bench.exchange("02 01");
        bench.exchange("02 02");
        assertThat(bench.exchange("05 00 01 02")).isEqualTo("05 00 07");
    }

    @Test
    void commandsOnTheTargetNeedAConnectFirst() {
        // cmsis-dap.md §15 item 4
        assertThat(bench.exchange("05 00 02 02 05 00 00 00 00")).isEqualTo("05 00 00");
        assertThat(bench.exchange("06 00 04 00 0F")).isEqualTo("06 00 00 00");
        assertThat(bench.exchange("08 00 1E 00 00 00")).isEqualTo("08 FF");
    }

    @Test
    void swjClockOfZeroIsRefused() {
        // cmsis-dap.md §4.2
        assertThat(bench.exchange("11 00 00 00 00")).isEqualTo("11 FF");
        assertThat(bench.exchange("11 40 42 0F 00")).isEqualTo("11 00");
    }

    @Test
    void configurationCommandsAnswerOk() {
        // cmsis-dap.md §4.3, §5.1, §7.1, §3.6, §3.7
        assertThat(bench.exchange("12 88 FF FF FF FF FF FF FF 9E E7 FF FF FF FF FF FF FF 00")).isEqualTo("12 00");
        assertThat(bench.exchange("13 00")).isEqualTo("13 00");
        assertThat(bench.exchange("04 00 40 00 00 00")).isEqualTo("04 00");
        assertThat(bench.exchange("09 0A 00")).isEqualTo("09 00");
        assertThat(bench.exchange("0A")).isEqualTo("0A 00 00");
    }

    @Test
    void unknownAndVendorCommandsAnswerTheSingleByteFF() {
        // cmsis-dap.md §1: unknown ID -> 0xFF instead of the echoed ID; vendor IDs too; SWO/UART not built in
        assertThat(bench.exchange("42")).isEqualTo("FF");
        assertThat(bench.exchange("80 01 02")).isEqualTo("FF");
        assertThat(bench.exchange("9F")).isEqualTo("FF");
        assertThat(bench.exchange("17 01")).isEqualTo("FF");
        assertThat(bench.exchange("1F 01")).isEqualTo("FF");
    }

    @Test
    void jtagCommandsOfAnSwdOnlyProbeAnswerError() {
        // cmsis-dap.md §6 / DAP.c built without JTAG: the commands exist and report DAP_ERROR
        assertThat(bench.exchange("14 01 08 FF")).isEqualTo("14 FF");
        assertThat(bench.exchange("15 01 04")).isEqualTo("15 FF");
        assertThat(bench.exchange("16 00")).isEqualTo("16 FF");
    }

    @Test
    void swdSequenceCapturesThePulledUpLineWhenNobodyDrivesIt() {
        // cmsis-dap.md §5.2: OpenOCD's TARGETSEL bytes; 8 bits out, 5 in (one captured byte), 33 out
        bench.exchange("02 01");
        long before = bench.probe.nanos();
        assertThat(bench.exchange("7F 02 1D 03 08 99 85 21 01 00 00 00 01 00 FE")).isEqualTo("7F 02 1D 00 1F 00 01 04");
        assertThat(bench.probe.nanos() - before).as("46 clocks at 1 MHz").isEqualTo(46_000);
    }

    private String infoString(String request) {
        byte[] answer = Hex.bytes(bench.exchange(request));
        int length = answer[1] & 0xFF;
        assertThat(answer[1 + length]).as("NUL terminator").isZero();
        return new String(answer, 2, length - 1, StandardCharsets.UTF_8);
    }
}
