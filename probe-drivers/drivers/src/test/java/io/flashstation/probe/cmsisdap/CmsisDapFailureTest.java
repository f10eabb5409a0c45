package io.flashstation.probe.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeLostException;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.SwdTransferException.Failure;
import io.flashstation.probe.cmsisdap.CmsisDapLab.Personality;
import io.flashstation.probe.lab.UnpluggingDevice;
import io.flashstation.sim.cmsisdap.CmsisDapBulkDevice;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.target.AccessSize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How transfer failures and a vanishing probe reach the caller (cmsis-dap.md §7.3, §7.4). */
class CmsisDapFailureTest {

    private static final int CTRL_STAT_STICKYERR = 1 << 5;

    @ParameterizedTest
    @EnumSource(Personality.class)
    void anEmptyFixtureAnswersNothingOnConnect(Personality personality) throws Exception {
        // cmsis-dap.md §7.3: ACK 0b111 when nothing drives SWDIO -> NO_ACK on the DPIDR read, transfer 0
        try (CmsisDapLab lab = new CmsisDapLab(personality); DebugProbe probe = lab.open()) {
            assertThatThrownBy(probe::connect).isInstanceOfSatisfying(SwdTransferException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.NO_ACK);
                assertThat(e.index()).isZero();
            });
        }
    }

    @Test
    void aShortWaitStormIsRetriedByTheProbe() throws Exception {
        // cmsis-dap.md §7.1: WAIT is retried up to WaitRetry times inside the probe; the driver asks for 100
        try (CmsisDapLab lab = new CmsisDapLab(Personality.XIAO_V2_FS).withBoard(); DebugProbe probe = lab.open()) {
            probe.connect();
            Adiv5.powerUp(probe);
            lab.board.faults().waitStorm(2, 90);
            DapBatch batch = probe.newBatch();
            DapValue idr = batch.readAp(0, Adiv5.AP_IDR);
            batch.run();
            assertThat(idr.get()).isEqualTo(0x2477_0011);
        }
    }

    @Test
    void aWaitStormLongerThanTheRetriesFailsWithTheTransferItHit() throws Exception {
        // cmsis-dap.md §7.4 item 3: still WAIT after the retries stops the command; the failing transfer is not
        // counted, so the count says which one it was
        try (CmsisDapLab lab = new CmsisDapLab(Personality.NANODAP_V2_HS).withBoard(); DebugProbe probe = lab.open()) {
            probe.connect();
            Adiv5.powerUp(probe);
            lab.board.faults().waitStorm(1, 500);
            DapBatch batch = probe.newBatch();
            DapValue status = batch.readDp(Adiv5.DP_CTRL_STAT);
            DapValue idr = batch.readAp(0, Adiv5.AP_IDR);
            assertThatThrownBy(batch::run).isInstanceOfSatisfying(SwdTransferException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.WAIT);
                assertThat(e.index()).isEqualTo(1);
                assertThat(e).hasMessageContaining("AP 0xFC read");
            });
            assertThat(status.get() & Adiv5.POWER_UP_ACKS).as("the transfer before took effect")
                    .isEqualTo(Adiv5.POWER_UP_ACKS);
            assertThatThrownBy(idr::get).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Personality.class)
    void aBusErrorIsAFaultOnTheReadThatCausedItAndAbortClearsIt(Personality personality) throws Exception {
        // adiv5-swd-jtag.md: a failed AHB access sets STICKYERR and the next AP or RDBUFF access answers FAULT;
        // cmsis-dap.md §7.4 items 1, 4: the posted DRW read is counted, the collecting RDBUFF read fails
        try (CmsisDapLab lab = new CmsisDapLab(personality).withBoard(); DebugProbe probe = lab.open()) {
            probe.connect();
            Adiv5.powerUp(probe);
            lab.board.faults().busErrors(1);
            DapBatch batch = probe.newBatch();
            batch.writeAp(0, Adiv5.AP_CSW, Adiv5.CSW_WORD_INCREMENT);
            batch.writeAp(0, Adiv5.AP_TAR, Adiv5.SRAM);
            DapValue word = batch.readAp(0, Adiv5.AP_DRW);
            batch.readDp(Adiv5.DP_CTRL_STAT);
            assertThatThrownBy(batch::run).isInstanceOfSatisfying(SwdTransferException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.FAULT);
                assertThat(e.index()).isEqualTo(2);
            });
            assertThatThrownBy(word::get).isInstanceOf(IllegalStateException.class);

            // clearing the sticky error is the caller's job; the driver then selects the AP afresh
            DapValue status = batch.readDp(Adiv5.DP_CTRL_STAT);
            batch.writeDp(Adiv5.DP_ABORT, 0x1E);
            batch.writeAp(0, Adiv5.AP_TAR, Adiv5.SRAM);
            DapValue again = batch.readAp(0, Adiv5.AP_DRW);
            long transfers = probe.counters().swdTransfers();
            batch.run();
            assertThat(status.get() & CTRL_STAT_STICKYERR).isNotZero();
            assertThat(again.get()).isEqualTo(lab.board.chip().read(Adiv5.SRAM,
                    AccessSize.WORD).data());
            assertThat(probe.counters().swdTransfers() - transfers).as("SELECT written again").isEqualTo(5);
        }
    }

    @Test
    void corruptedReadDataIsAParityError() throws Exception {
        // cmsis-dap.md §7.3: a wrong parity bit on read data sets response bit 3 (protocol error)
        try (CmsisDapLab lab = new CmsisDapLab(Personality.DAPLINK_V1).withBoard(); DebugProbe probe = lab.open()) {
            probe.connect();
            Adiv5.powerUp(probe);
            lab.board.faults().flipReadData(1);
            DapBatch batch = probe.newBatch();
            batch.writeDp(Adiv5.DP_CTRL_STAT, Adiv5.POWER_UP_REQUEST);
            batch.readDp(Adiv5.DP_CTRL_STAT);
            assertThatThrownBy(batch::run).isInstanceOfSatisfying(SwdTransferException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.PARITY);
                assertThat(e.index()).isEqualTo(1);
            });
        }
    }

    @Test
    void aTargetThatStopsAnsweringIsNoAck() throws Exception {
        // cmsis-dap.md §15 item 9: NO_ACK -> 0x07
        try (CmsisDapLab lab = new CmsisDapLab(Personality.XIAO_V2_FS).withBoard(); DebugProbe probe = lab.open()) {
            probe.connect();
            lab.board.faults().vanish(true);
            DapBatch batch = probe.newBatch();
            batch.readDp(Adiv5.DP_CTRL_STAT);
            assertThatThrownBy(batch::run).isInstanceOfSatisfying(SwdTransferException.class,
                    e -> assertThat(e.failure()).isEqualTo(Failure.NO_ACK));
        }
    }

    @Test
    void openingAProbeThatWasUnpluggedIsLost() throws Exception {
        // issue 4: a probe gone from the bus is ProbeLostException, whatever the operation
        try (CmsisDapLab lab = new CmsisDapLab(Personality.DAPLINK_V1)) {
            lab.bus.unplug(CmsisDapLab.PORT);
            assertThatThrownBy(lab::open).isInstanceOf(ProbeLostException.class);
        }
    }

    @Test
    void aProbeUnpluggedMidBatchIsLostAtOnce() throws Exception {
        // issue 4: a probe unplugged mid-operation surfaces as ProbeLostException quickly, never a hang
        Fixture fixture = new Fixture();
        UnpluggingDevice device = new UnpluggingDevice(CmsisDapBulkDevice.nanoDapHs(1, fixture));
        try (CmsisDapLab lab = new CmsisDapLab(fixture, device).withBoard(); DebugProbe probe = lab.open()) {
            probe.connect();
            Adiv5.powerUp(probe);
            DapBatch batch = probe.newBatch();
            Adiv5.queueRead(batch, Adiv5.SRAM, new int[4096]); // 33 packets
            device.unplugAfter(3, lab.bus, CmsisDapLab.PORT);
            long before = probe.clock().nanos();
            long roundTrips = probe.counters().usbRoundTrips();
            assertThatThrownBy(batch::run).isInstanceOf(ProbeLostException.class);
            assertThat(probe.clock().nanos() - before).as("no transfer timeout waited").isLessThan(100_000_000);
            assertThat(probe.counters().usbRoundTrips() - roundTrips).as("stopped at once").isLessThan(3);
            assertThatThrownBy(() -> probe.setResetLine(true)).isInstanceOf(ProbeLostException.class);
        }
    }
}
