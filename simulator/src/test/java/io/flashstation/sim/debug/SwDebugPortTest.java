package io.flashstation.sim.debug;

import static io.flashstation.sim.debug.SwdHost.AP_CSW;
import static io.flashstation.sim.debug.SwdHost.AP_DRW;
import static io.flashstation.sim.debug.SwdHost.AP_TAR;
import static io.flashstation.sim.debug.SwdHost.DP_CTRL;
import static io.flashstation.sim.debug.SwdHost.DP_IDR_ABORT;
import static io.flashstation.sim.debug.SwdHost.DP_RDBUFF;
import static io.flashstation.sim.debug.SwdHost.DP_SELECT_RESEND;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SwDebugPortTest {

    private final DebugPortRig rig = new DebugPortRig();
    private final SwdHost host = rig.host;

    @Test
    void comesOutOfPowerOnInJtagModeAndIgnoresSwdUntilSwitched() {
        // adiv5-swd-jtag.md §2: the SWJ-DP leaves power-on reset in JTAG mode
        assertThat(host.transfer(false, true, DP_IDR_ABORT, 0).ack()).isEqualTo(SwdAck.NO_RESPONSE);
        host.lineReset(); // a line reset alone does not select SWD
        assertThat(host.transfer(false, true, DP_IDR_ABORT, 0).ack()).isEqualTo(SwdAck.NO_RESPONSE);

        host.switchToSwd();
        SwdResponse id = host.transfer(false, true, DP_IDR_ABORT, 0);
        assertThat(id.ack()).isEqualTo(SwdAck.OK);
        assertThat(id.data()).isEqualTo(0x2BA01477); // §4.2
        assertThat(id.parityOk()).isTrue();
    }

    @Test
    void swdToJtagSelectLeavesSwd() {
        // adiv5-swd-jtag.md §2: ≥50 ones, 0xE73C, ≥5 ones → JTAG; SWD packets go unanswered again
        host.connect();
        rig.swd.sequence(80, new byte[] {-1, -1, -1, -1, -1, -1, -1, (byte) 0x3C, (byte) 0xE7, -1});
        assertThat(host.transfer(false, true, DP_IDR_ABORT, 0).ack()).isEqualTo(SwdAck.NO_RESPONSE);
        host.switchToSwd();
        assertThat(host.readDp(DP_IDR_ABORT)).isEqualTo(SwDebugPort.DPIDR);
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.CDBGPWRUPREQ).isNotZero(); // a protocol switch is no power-on
    }

    @Test
    void afterLineResetEverythingButADpidrReadGetsFault() {
        // adiv5-swd-jtag.md §3 (RM0090 §38.8.3): first access after reset must be a DPIDR read
        host.switchToSwd();
        assertThat(host.transfer(false, true, DP_CTRL, 0).ack()).isEqualTo(SwdAck.FAULT);
        assertThat(host.transfer(false, false, DP_IDR_ABORT, 0x1E).ack()).isEqualTo(SwdAck.FAULT);
        assertThat(host.transfer(true, true, AP_CSW, 0).ack()).isEqualTo(SwdAck.FAULT);
        assertThat(host.readDp(DP_IDR_ABORT)).isEqualTo(SwDebugPort.DPIDR);
        assertThat(host.transfer(false, true, DP_CTRL, 0).ack()).isEqualTo(SwdAck.OK);

        host.lineReset();
        assertThat(host.transfer(false, true, DP_CTRL, 0).ack()).isEqualTo(SwdAck.FAULT);
    }

    @Test
    void aRequestRightAfterTheOnesOfALineResetIsNotSeen() {
        // §3: the SW-DP leaves the reset state only after at least two idle (low) cycles
        host.switchToSwd();
        rig.swd.sequence(56, new byte[] {-1, -1, -1, -1, -1, -1, -1});
        assertThat(host.transfer(false, true, DP_IDR_ABORT, 0).ack()).isEqualTo(SwdAck.NO_RESPONSE);
        rig.swd.sequence(2, new byte[] {0});
        assertThat(host.transfer(false, true, DP_IDR_ABORT, 0).ack()).isEqualTo(SwdAck.OK);
    }

    @Test
    void powerUpRequestsAreAcknowledgedAndReportedOnce() {
        // §4.4: CDBGPWRUPACK/CSYSPWRUPACK follow their REQ bits
        int[] powerUps = {0};
        rig.dp.onDebugPowerUp(() -> powerUps[0]++);
        host.switchToSwd();
        host.readDp(DP_IDR_ABORT);
        assertThat(host.readDp(DP_CTRL)).isZero();
        host.write(false, DP_CTRL, 0x50000000);
        assertThat(host.readDp(DP_CTRL)).isEqualTo(0xF0000000);
        host.write(false, DP_CTRL, 0x50000001);
        assertThat(host.readDp(DP_CTRL)).isEqualTo(0xF0000001);
        assertThat(powerUps[0]).isEqualTo(1);
        assertThat(rig.dp.debugPowerRequested()).isTrue();
    }

    @Test
    void stickyErrorFaultsEverythingButIdCtrlStatAndAbortUntilCleared() {
        // §5: AHB error → STICKYERR; then FAULT except DPIDR read, CTRL/STAT read, ABORT write; ABORT.STKERRCLR
        host.connect();
        host.write(true, AP_CSW, 0xA2000002);
        host.write(true, AP_TAR, 0x6000_0000); // unmapped in the test memory
        SwdResponse posted = host.transfer(true, true, AP_DRW, 0);
        assertThat(posted.ack()).isEqualTo(SwdAck.OK); // the failing posted read itself was acknowledged

        assertThat(host.transfer(false, true, DP_RDBUFF, 0).ack()).isEqualTo(SwdAck.FAULT);
        assertThat(host.transfer(true, true, AP_CSW, 0).ack()).isEqualTo(SwdAck.FAULT);
        assertThat(host.transfer(false, false, DP_SELECT_RESEND, 0).ack()).isEqualTo(SwdAck.FAULT);
        assertThat(host.transfer(false, false, DP_CTRL, 0x50000000).ack()).isEqualTo(SwdAck.FAULT);
        assertThat(host.readDp(DP_IDR_ABORT)).isEqualTo(SwDebugPort.DPIDR);
        int ctrl = host.readDp(DP_CTRL);
        assertThat(ctrl & SwDebugPort.STICKYERR).isNotZero();
        assertThat(ctrl & SwDebugPort.READOK).isZero();

        host.write(false, DP_IDR_ABORT, SwDebugPort.STKERRCLR);
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.STICKYERR).isZero();
        assertThat(host.transfer(true, true, AP_CSW, 0).ack()).isEqualTo(SwdAck.OK);
    }

    @Test
    void ctrlStatWritesCannotClearStickyFlagsOnSwd() {
        // §4.4: on SWD the sticky bits are read-only in CTRL/STAT; only ABORT clears them
        host.connect();
        rig.faults.flipWriteData(1);
        host.write(false, DP_SELECT_RESEND, 0);
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.WDATAERR).isNotZero();
        host.write(false, DP_IDR_ABORT, SwDebugPort.WDERRCLR);
        host.write(false, DP_CTRL, 0x50000000 | SwDebugPort.STICKYERR | SwDebugPort.WDATAERR);
        assertThat(host.readDp(DP_CTRL) & (SwDebugPort.STICKYERR | SwDebugPort.WDATAERR)).isZero();
    }

    @Test
    void corruptedWriteDataSetsWdataerrAndIsDropped() {
        // §4.4 WDATAERR: write-data parity error; the write does not happen
        host.connect();
        rig.memory.poke(TestMemory.BASE, 0x11111111);
        host.write(true, AP_CSW, 0xA2000002);
        host.write(true, AP_TAR, TestMemory.BASE);
        rig.faults.flipWriteData(1);
        assertThat(host.transfer(true, false, AP_DRW, 0x22222222).ack()).isEqualTo(SwdAck.OK);
        assertThat(rig.memory.peek(TestMemory.BASE)).isEqualTo(0x11111111);
        assertThat(host.transfer(true, true, AP_DRW, 0).ack()).isEqualTo(SwdAck.FAULT);
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.WDATAERR).isNotZero();
        host.write(false, DP_IDR_ABORT, 0x1E);
        assertThat(host.readWord(TestMemory.BASE)).isEqualTo(0x11111111);
    }

    @Test
    void apReadsArePostedAndRdbuffAndResendReturnTheLastResult() {
        // §3 / §7: an AP read's data phase returns the previous AP read; RDBUFF the last; RESEND repeats it
        host.connect();
        rig.memory.poke(TestMemory.BASE, 0xAAAA0001);
        rig.memory.poke(TestMemory.BASE + 4, 0xAAAA0002);
        rig.memory.poke(TestMemory.BASE + 8, 0xAAAA0003);
        host.write(true, AP_CSW, 0xA2000012);
        host.write(true, AP_TAR, TestMemory.BASE);
        host.transfer(true, true, AP_DRW, 0);
        assertThat(host.transfer(true, true, AP_DRW, 0).data()).isEqualTo(0xAAAA0001);
        assertThat(host.transfer(true, true, AP_DRW, 0).data()).isEqualTo(0xAAAA0002);
        int accessesBefore = rig.memory.accesses;
        assertThat(host.readDp(DP_RDBUFF)).isEqualTo(0xAAAA0003);
        assertThat(host.readDp(DP_RDBUFF)).isEqualTo(0xAAAA0003);
        assertThat(host.readDp(DP_SELECT_RESEND)).isEqualTo(0xAAAA0003);
        assertThat(rig.memory.accesses).isEqualTo(accessesBefore); // RDBUFF starts no new access
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.READOK).isNotZero();
    }

    @Test
    void selectChoosesApBankAndApselAndCtrlselReachesWcr() {
        // §4.5: AP register = APBANKSEL:A[3:2]; APSEL picks the AP; CTRLSEL maps DP 0x4 to WCR
        host.connect();
        host.write(false, DP_SELECT_RESEND, 0x000000F0);
        assertThat(host.readAp(0xC)).isEqualTo(0x24770011); // IDR
        assertThat(host.readAp(0x8)).isEqualTo(0xE00FF003); // BASE
        assertThat(host.readAp(0x4)).isZero(); // CFG
        host.write(false, DP_SELECT_RESEND, 0x010000F0);
        assertThat(host.readAp(0xC)).isZero(); // there is no AP1
        host.write(false, DP_SELECT_RESEND, 0x00000001);
        assertThat(host.readDp(DP_CTRL)).isEqualTo(0x40); // WCR after reset
        host.write(false, DP_SELECT_RESEND, 0);
        assertThat(host.readDp(DP_CTRL)).isEqualTo(0xF0000000 | SwDebugPort.READOK);
    }

    @Test
    void apAccessWhileTheBusIsStalledGetsWaitUntilItCompletes() {
        // §5 / TIMING.md §1: a busy flash stalls the AHB, the DP answers WAIT, then OK
        host.connect();
        rig.swd.setClockHz(4_000_000);
        rig.memory.busyAfterNextWrite(100_000);
        host.write(true, AP_CSW, 0xA2000002);
        host.write(true, AP_TAR, TestMemory.BASE);
        host.write(true, AP_DRW, 0x12345678);
        long busyFrom = rig.clock.nanos();
        assertThat(host.transfer(true, false, AP_TAR, TestMemory.BASE).ack()).isEqualTo(SwdAck.WAIT);
        assertThat(host.transfer(false, false, DP_SELECT_RESEND, 0).ack()).isEqualTo(SwdAck.WAIT);
        assertThat(host.transfer(false, true, DP_CTRL, 0).ack()).isEqualTo(SwdAck.OK); // never WAITs

        int waits = 0;
        while (host.transfer(true, true, AP_DRW, 0).ack() == SwdAck.WAIT) {
            waits++;
        }
        assertThat(rig.clock.nanos()).isGreaterThanOrEqualTo(busyFrom + 100_000);
        // TIMING.md §2 at 4 MHz: the three answers above took 13+13+46 bits = 18 µs; each retry is decided 8 bits
        // (2 µs) into its 13 bits (3.25 µs), so retries starting at 18 + 3.25k µs WAIT while 20 + 3.25k < 100
        assertThat(waits).isEqualTo(25);
        assertThat(host.readDp(DP_RDBUFF)).isEqualTo(0x12345678);
    }

    @Test
    void waitWithOverrunDetectionSetsStickyOrunAndThenFaults() {
        // §4.4 / §5: WAIT while ORUNDETECT → STICKYORUN; FAULT until ABORT.ORUNERRCLR
        host.connect();
        host.write(false, DP_CTRL, 0x50000001);
        rig.memory.busyAfterNextWrite(10_000);
        host.writeWord(TestMemory.BASE, 1);
        assertThat(host.transfer(true, true, AP_DRW, 0).ack()).isEqualTo(SwdAck.WAIT);
        assertThat(host.transfer(true, true, AP_DRW, 0).ack()).isEqualTo(SwdAck.FAULT);
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.STICKYORUN).isNotZero();
        rig.clock.advance(10_000);
        host.write(false, DP_IDR_ABORT, SwDebugPort.ORUNERRCLR);
        assertThat(host.transfer(true, true, AP_DRW, 0).ack()).isEqualTo(SwdAck.OK);
    }

    @Test
    void dapAbortReleasesAStuckAccess() {
        // §4.3 DAPABORT: abandon the AP transaction that keeps answering WAIT
        host.connect();
        rig.memory.busyAfterNextWrite(1_000_000_000L);
        host.writeWord(TestMemory.BASE, 1);
        assertThat(host.transfer(true, true, AP_CSW, 0).ack()).isEqualTo(SwdAck.WAIT);
        host.write(false, DP_IDR_ABORT, SwDebugPort.DAPABORT);
        assertThat(host.transfer(true, true, AP_CSW, 0).ack()).isEqualTo(SwdAck.OK);
    }

    @Test
    void pushedVerifyFlagsAMismatch() {
        // §4.4 TRNMODE 01 (pushed verify) with MASKLANE: a mismatch in the selected lanes sets STICKYCMP
        host.connect();
        rig.memory.poke(TestMemory.BASE, 0x11223344);
        host.write(true, AP_CSW, 0xA2000002);
        host.write(true, AP_TAR, TestMemory.BASE);
        host.write(false, DP_CTRL, 0x50000000 | (1 << 2) | (0x1 << 8));
        host.write(true, AP_DRW, 0xFFFFFF44); // lane 0 matches
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.STICKYCMP).isZero();
        host.write(true, AP_DRW, 0x11223300); // lane 0 differs
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.STICKYCMP).isNotZero();
        assertThat(rig.memory.peek(TestMemory.BASE)).isEqualTo(0x11223344); // nothing was written
        host.write(false, DP_IDR_ABORT, SwDebugPort.STKCMPCLR);
        assertThat(host.readDp(DP_CTRL) & SwDebugPort.STICKYCMP).isZero();
    }

    @Test
    void deadPortAnswersNothing() {
        // stm32f411-target.md §7.2: at RDP level 2 the debug port stays silent (host reads 0b111)
        host.connect();
        rig.portEnabled = false;
        assertThat(host.transfer(false, true, DP_IDR_ABORT, 0).ack()).isEqualTo(SwdAck.NO_RESPONSE);
    }
}
