package io.flashstation.sim.debug;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SwdWireDecoderTest {

    private final DebugPortRig rig = new DebugPortRig();
    private final WireHost host = new WireHost(rig.wire);

    @Test
    void decodesADpidrReadAfterTheJtagToSwdSwitch() {
        // adiv5-swd-jtag.md §1.1 request 0xA5, §1.3 ACK OK = 1,0,0, §1.2 even data parity, §2 0xE79E switch
        WireHost.Result beforeSwitch = host.read(false, 0x0);
        assertThat(beforeSwitch.ack()).isEqualTo(0b111); // JTAG mode: nobody drives, the pull-up reads 1

        host.jtagToSwd();
        assertThat(WireHost.request(false, true, 0x0)).isEqualTo(0xA5);
        WireHost.Result id = host.read(false, 0x0);
        assertThat(id.ack()).isEqualTo(SwdAck.OK.bits());
        assertThat(id.data()).isEqualTo(0x2BA01477);
        assertThat(id.parityBit()).isZero();
    }

    @Test
    void writesReachTheDpAndReadsComeBack() {
        // §1.2: write = request, trn, ACK, trn, host data + parity; CTRL/STAT power-up acknowledged (§4.4)
        host.jtagToSwd();
        host.read(false, 0x0);
        assertThat(host.write(false, 0x4, 0x50000000, true)).isEqualTo(SwdAck.OK.bits());
        WireHost.Result ctrl = host.read(false, 0x4);
        assertThat(ctrl.data()).isEqualTo(0xF0000000);
        assertThat(ctrl.parityBit()).isZero();

        rig.memory.poke(TestMemory.BASE, 0x80000003); // three ones: the target drives parity 1
        host.write(true, 0x0, 0xA2000002, true);
        host.write(true, 0x4, TestMemory.BASE, true);
        host.read(true, 0xC);
        WireHost.Result word = host.read(false, 0xC);
        assertThat(word.data()).isEqualTo(0x80000003);
        assertThat(word.parityBit()).isEqualTo(1);
    }

    @Test
    void requestProtocolErrorGetsNoAckUntilALineReset() {
        // §1.1 parity/stop/park; a target that sees a protocol error drives nothing (0b111) until a line reset
        host.jtagToSwd();
        host.read(false, 0x0);
        int badParity = WireHost.request(false, true, 0x0) ^ 0x20;
        assertThat(host.readRaw(badParity).ack()).isEqualTo(0b111);
        assertThat(host.read(false, 0x0).ack()).isEqualTo(0b111); // locked out
        host.lineResetAndIdle();
        assertThat(host.read(false, 0x0).ack()).isEqualTo(SwdAck.OK.bits());

        int badStop = WireHost.request(false, true, 0x0) | 0x40;
        assertThat(host.readRaw(badStop).ack()).isEqualTo(0b111);
        // the lock-out is the SW-DP's state: the per-transaction port sees it too, and its line reset ends it
        assertThat(rig.swd.transfer(false, true, 0x0, 0).ack()).isEqualTo(SwdAck.NO_RESPONSE);
        rig.host.lineReset();
        assertThat(host.read(false, 0x0).ack()).isEqualTo(SwdAck.OK.bits());
    }

    @Test
    void writeDataParityErrorSetsWdataerrAndDropsTheWrite() {
        // §4.4 WDATAERR
        host.jtagToSwd();
        host.read(false, 0x0);
        host.write(false, 0x8, 0x000000F0, false); // SELECT with a bad parity bit: dropped
        assertThat(host.read(false, 0x4).data() & SwDebugPort.WDATAERR).isNotZero();
        assertThat(host.refusedRequest(true, true, 0x8)).isEqualTo(SwdAck.FAULT.bits());
        host.write(false, 0x0, 0x1E, true);
        host.read(true, 0x8);
        assertThat(host.read(false, 0xC).data()).isZero(); // AP 0x08 of bank 0, not BASE (0xF8) of bank 0xF
    }

    @Test
    void afterLineResetTheFirstAccessMustReadDpidr() {
        // §3: FAULT = 0,0,1 on the wire until DPIDR is read; without ORUNDETECT no data phase follows (§1.2)
        host.jtagToSwd();
        assertThat(host.refusedRequest(false, true, 0x4)).isEqualTo(SwdAck.FAULT.bits());
        assertThat(host.read(false, 0x0).ack()).isEqualTo(SwdAck.OK.bits());
        assertThat(host.read(false, 0x4).ack()).isEqualTo(SwdAck.OK.bits());
    }

    @Test
    void waitWithOverrunDetectionIsFollowedByAnIgnoredDataPhase() {
        // §1.2: with ORUNDETECT a data phase follows WAIT; hosts such as OpenOCD's bit-bang driver send it
        host.jtagToSwd();
        host.read(false, 0x0);
        host.write(false, 0x4, 0x50000001, true);
        rig.memory.busyAfterNextWrite(1_000_000);
        host.write(true, 0x0, 0xA2000002, true);
        host.write(true, 0x4, TestMemory.BASE, true);
        host.write(true, 0xC, 5, true);
        assertThat(host.write(true, 0xC, 6, true)).isEqualTo(SwdAck.WAIT.bits());
        // the host clocks 33 data cycles anyway; then the next packet is decoded normally
        assertThat(host.write(false, 0x0, SwDebugPort.ORUNERRCLR, true)).isEqualTo(SwdAck.OK.bits());
        assertThat(host.read(false, 0x4).data() & SwDebugPort.STICKYORUN).isZero();
    }

    @Test
    void faultPlanReachesTheWire() {
        // FaultPlan.flipReadData: the data phase arrives with a bit flipped against its parity; vanish: 0b111
        host.jtagToSwd();
        host.read(false, 0x0);
        rig.faults.flipReadData(1);
        WireHost.Result flipped = host.read(false, 0x0);
        assertThat(Integer.bitCount(flipped.data() ^ SwDebugPort.DPIDR)).isEqualTo(1);
        assertThat(SwdHostBits.parity(flipped.data())).isNotEqualTo(flipped.parityBit() == 1);

        rig.faults.vanish(true);
        assertThat(host.read(false, 0x0).ack()).isEqualTo(0b111);
        rig.faults.vanish(false);
        host.lineResetAndIdle(); // a host that lost its target starts over with a line reset
        assertThat(host.read(false, 0x0).ack()).isEqualTo(SwdAck.OK.bits());
    }

    @Test
    void everyCycleCostsOneClockPeriod() {
        // TIMING.md §2: each explicitly clocked bit costs one clock
        rig.wire.setClockHz(2_000_000);
        host.jtagToSwd(); // 16 + 56 + 56 + 8 = 136 cycles
        assertThat(rig.clock.nanos()).isEqualTo(68_000);
        host.read(false, 0x0); // 8 + 38 + 2 idle = 48 cycles
        assertThat(rig.clock.nanos()).isEqualTo(68_000 + 24_000);
        assertThat(rig.traffic.transfers()).isEqualTo(1);
    }
}
