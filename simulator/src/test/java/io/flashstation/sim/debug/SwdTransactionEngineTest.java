package io.flashstation.sim.debug;

import static io.flashstation.sim.debug.SwdHost.AP_DRW;
import static io.flashstation.sim.debug.SwdHost.DP_CTRL;
import static io.flashstation.sim.debug.SwdHost.DP_IDR_ABORT;
import static io.flashstation.sim.debug.SwdHost.DP_RDBUFF;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SwdTransactionEngineTest {

    private final DebugPortRig rig = new DebugPortRig();
    private final SwdHost host = rig.host;

    @Test
    void chargesFortySixBitsPerOkTransferAndThirteenPerRefusal() {
        // TIMING.md §2: 46 bits per OK transfer (11.5 µs at 4 MHz), 13 per WAIT/FAULT, one per sequence bit
        rig.swd.setClockHz(4_000_000);
        assertThat(rig.swd.clockHz()).isEqualTo(4_000_000);
        host.switchToSwd();
        assertThat(rig.clock.nanos()).isEqualTo(34_000); // 136 bits

        long before = rig.clock.nanos();
        host.transfer(false, true, DP_CTRL, 0); // FAULT: DPIDR not read yet
        assertThat(rig.clock.nanos() - before).isEqualTo(3_250);

        before = rig.clock.nanos();
        host.readDp(DP_IDR_ABORT);
        assertThat(rig.clock.nanos() - before).isEqualTo(11_500);

        rig.swd.setClockHz(24_000_000);
        before = rig.clock.nanos();
        for (int i = 0; i < 3; i++) {
            host.readDp(DP_IDR_ABORT);
        }
        assertThat(rig.clock.nanos() - before).isEqualTo(5_750); // 138 bits at 24 MHz, without rounding drift
    }

    @Test
    void countsEveryTransactionAndTheSessionSpan() {
        // TIMING.md §4: the span from the first to the last wire activity of a session
        rig.swd.setClockHz(1_000_000);
        host.switchToSwd();
        rig.traffic.startSession();
        rig.clock.advance(5_000_000); // the host thinking: not wire activity
        host.transfer(false, true, DP_CTRL, 0); // FAULT still counts
        host.readDp(DP_IDR_ABORT);
        assertThat(rig.traffic.transfers()).isEqualTo(2);
        assertThat(rig.traffic.sessionSpanNanos()).isEqualTo(13_000 + 46_000);
    }

    @Test
    void faultPlanEffectsReachTheHost() {
        // FaultPlan: wait storms, flipped read data (parity error), vanished target
        host.connect();
        rig.faults.waitStorm(1, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(host.transfer(true, true, 0, 0).ack()).isEqualTo(SwdAck.WAIT);
        }
        assertThat(host.transfer(true, true, 0, 0).ack()).isEqualTo(SwdAck.OK);
        assertThat(host.transfer(false, true, DP_RDBUFF, 0).ack()).isEqualTo(SwdAck.OK); // storm was one transfer

        rig.faults.flipReadData(1);
        SwdResponse flipped = host.transfer(false, true, DP_IDR_ABORT, 0);
        assertThat(flipped.parityOk()).isFalse();
        assertThat(flipped.data()).isNotEqualTo(SwDebugPort.DPIDR);
        assertThat(Integer.bitCount(flipped.data() ^ SwDebugPort.DPIDR)).isEqualTo(1);
        assertThat(host.transfer(false, true, DP_IDR_ABORT, 0).parityOk()).isTrue();

        rig.faults.vanish(true);
        assertThat(host.transfer(false, true, DP_IDR_ABORT, 0).ack()).isEqualTo(SwdAck.NO_RESPONSE);
        rig.faults.vanish(false);
        assertThat(host.transfer(false, true, DP_IDR_ABORT, 0).ack()).isEqualTo(SwdAck.OK);

        rig.faults.busErrors(1);
        host.write(true, 0x4, TestMemory.BASE);
        host.transfer(true, true, AP_DRW, 0);
        assertThat(host.transfer(false, true, DP_RDBUFF, 0).ack()).isEqualTo(SwdAck.FAULT);
    }
}
