package io.flashstation.sim.cmsisdap;

import static io.flashstation.sim.debug.SwdAck.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.time.VirtualClock;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.sim.usb.VirtualUsbDevice.InTransfer;
import org.junit.jupiter.api.Test;

/** What commands cost in virtual time (TIMING.md §2 wire, §3 USB; cmsis-dap.md §11.3 pipelining). */
class CmsisDapTimingTest {

    private static final int OUT = CmsisDapUsbDevice.OUT_ENDPOINT;
    private static final int IN = CmsisDapUsbDevice.IN_ENDPOINT;

    @Test
    void aTransferCostsItsWireBitsAtTheClockInEffect() {
        // TIMING.md §2: a read transfer costs 46 bits; a probe without a target still clocks them (SW_DP back-off)
        ProbeBench bench = ProbeBench.daplink();
        bench.exchange("02 01");
        long before = bench.probe.nanos();
        bench.exchange("05 00 01 02");
        assertThat(bench.probe.nanos() - before).isEqualTo(VirtualClock.bitTime(46, 1_000_000));

        bench.exchange("11 00 09 3D 00"); // 4 MHz
        before = bench.probe.nanos();
        bench.exchange("05 00 01 02");
        assertThat(bench.probe.nanos() - before).isEqualTo(VirtualClock.bitTime(46, 4_000_000));
    }

    @Test
    void theClockIsCappedAtTheProbesMaximum() {
        // TIMING.md §3: cmsis-dap-v1 drives at most 4 MHz; cmsis-dap.md §4.2 the requested clock is a maximum
        ProbeBench bench = ProbeBench.daplink();
        bench.exchange("02 01");
        bench.exchange("11 00 5A 62 02"); // 40 MHz asked
        long before = bench.probe.nanos();
        bench.exchange("05 00 01 02");
        assertThat(bench.probe.nanos() - before).isEqualTo(VirtualClock.bitTime(46, 4_000_000));
    }

    @Test
    void waitRetriesCostThirteenBitsEach() {
        // TIMING.md §2: a WAIT answer costs 13 bits and a probe that retries pays them per retry
        ScriptedTarget target = new ScriptedTarget().script(WAIT, WAIT, WAIT);
        ProbeBench bench = ProbeBench.connectedTo(target);
        long before = bench.probe.nanos();
        bench.exchange("05 00 01 02");
        assertThat(bench.probe.nanos() - before).isEqualTo(3 * VirtualClock.bitTime(13, 1_000_000)
                + VirtualClock.bitTime(46, 1_000_000));
    }

    @Test
    void swjSequenceCostsOneClockPerBitAndReachesTheBoard() {
        // TIMING.md §2: each explicitly clocked bit costs one clock
        ScriptedTarget target = new ScriptedTarget();
        ProbeBench bench = ProbeBench.connectedTo(target);
        long before = bench.probe.nanos();
        bench.exchange("12 88 FF FF FF FF FF FF FF 9E E7 FF FF FF FF FF FF FF 00");
        assertThat(bench.probe.nanos() - before).isEqualTo(136_000);
        assertThat(target.sequences).containsExactly(136);
        assertThat(target.clock().nanos()).isEqualTo(bench.probe.nanos());
    }

    @Test
    void theBoardIsBroughtUpToTheProbesTimeBeforeItIsTouched() {
        // TIMING.md §3: a command starts at its arrival; the board's clock follows the probe's
        ScriptedTarget target = new ScriptedTarget();
        Fixture fixture = new Fixture();
        fixture.insert(target);
        CmsisDapProbe probe = new CmsisDapProbe(ProbeIdentity.daplinkV1(1), fixture);
        probe.receive(Hex.bytes("02 01"), 0);
        probe.nextAnswer();
        probe.receive(Hex.bytes("05 00 01 02"), 5_000_000);
        assertThat(probe.nextAnswer().readyNanos()).isEqualTo(5_046_000);
        assertThat(target.clock().nanos()).isEqualTo(5_046_000);
    }

    @Test
    void commandsWithoutWireWorkAreReadyOnArrivalAndDelayWaits() {
        // TIMING.md §3: probe firmware overhead is part of L; cmsis-dap.md §3.6 DAP_Delay waits on the probe
        CmsisDapProbe probe = ProbeBench.daplink().probe;
        probe.receive(Hex.bytes("00 FE"), 2_000);
        assertThat(probe.nextAnswer().readyNanos()).isEqualTo(2_000);
        probe.receive(Hex.bytes("09 E8 03"), 3_000);
        assertThat(probe.nextAnswer().readyNanos()).isEqualTo(1_003_000);
    }

    @Test
    void aHostWaitingForEachAnswerPaysTheRoundTripEveryTime() {
        // TIMING.md §3: completion = max(asked, ready) + L/2 + n/B; one command at a time costs L + work each
        CmsisDapBulkDevice device = connectedHighSpeedProbe();
        byte[] twelveReads = twelveDpidrReads();
        long work = VirtualClock.bitTime(12 * 46, 10_000_000);
        LinkTiming link = device.linkTiming();
        long host = 0;
        for (int i = 0; i < 3; i++) {
            long arrival = host + link.roundTripNanos() / 2 + link.payloadNanos(twelveReads.length);
            device.receive(OUT, twelveReads, arrival);
            InTransfer answer = device.nextIn(IN);
            assertThat(answer.readyNanos()).isEqualTo(arrival + work);
            host = completion(link, host, answer);
        }
        long perCommand = link.roundTripNanos() + link.payloadNanos(twelveReads.length) + work
                + link.payloadNanos(3 + 12 * 4);
        assertThat(host).isEqualTo(3 * perCommand);
    }

    @Test
    void withSeveralPacketsInFlightTheProbeWorksBackToBackAndLatencyOverlaps() {
        // cmsis-dap.md §11.3: packet count > 1 lets the host keep commands queued; answers come back in order
        CmsisDapBulkDevice device = connectedHighSpeedProbe();
        byte[] twelveReads = twelveDpidrReads();
        long work = VirtualClock.bitTime(12 * 46, 10_000_000);
        LinkTiming link = device.linkTiming();
        long arrival = link.roundTripNanos() / 2 + link.payloadNanos(twelveReads.length);
        for (int i = 0; i < 3; i++) {
            device.receive(OUT, twelveReads, arrival);
        }
        long host = 0;
        long previousReady = arrival;
        for (int i = 0; i < 3; i++) {
            InTransfer answer = device.nextIn(IN);
            assertThat(answer.readyNanos()).isEqualTo(previousReady + work);
            previousReady = answer.readyNanos();
            host = completion(link, host, answer);
        }
        long serial = 3 * (link.roundTripNanos() + link.payloadNanos(twelveReads.length) + work
                + link.payloadNanos(3 + 12 * 4));
        // The probe finished the later commands while the host was still collecting earlier answers, so after the
        // first answer the host only pays the IN half of the latency per answer.
        long answerTrip = link.roundTripNanos() / 2 + link.payloadNanos(3 + 12 * 4);
        assertThat(work).isLessThan(answerTrip);
        assertThat(host).isEqualTo(arrival + work + 3 * answerTrip);
        assertThat(host).isLessThan(serial - 2 * (link.roundTripNanos() / 2 + work));
    }

    private static long completion(LinkTiming link, long asked, VirtualUsbDevice.InTransfer answer) {
        return Math.max(asked, answer.readyNanos()) + link.roundTripNanos() / 2 + link.payloadNanos(
                answer.data().length);
    }

    private static CmsisDapBulkDevice connectedHighSpeedProbe() {
        Fixture fixture = new Fixture();
        fixture.insert(new ScriptedTarget());
        CmsisDapBulkDevice device = CmsisDapBulkDevice.nanoDapHs(1, fixture);
        device.receive(OUT, Hex.bytes("02 01"), 0);
        device.nextIn(IN);
        device.receive(OUT, Hex.bytes("11 80 96 98 00"), 0); // 10 MHz
        device.nextIn(IN);
        return device;
    }

    private static byte[] twelveDpidrReads() {
        return Hex.bytes("05 00 0C 02 02 02 02 02 02 02 02 02 02 02 02");
    }
}
