package io.flashstation.probe.jlink;

import static io.flashstation.probe.jlink.JlinkSwdTest.AP_CSW;
import static io.flashstation.probe.jlink.JlinkSwdTest.AP_DRW;
import static io.flashstation.probe.jlink.JlinkSwdTest.AP_TAR;
import static io.flashstation.probe.jlink.JlinkSwdTest.CSW_WORD_INCREMENT;
import static io.flashstation.probe.jlink.JlinkSwdTest.SRAM;
import static io.flashstation.probe.jlink.JlinkSwdTest.powerUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.ProbeLostException;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.SwdTransferException.Failure;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.jlink.JLinkProfile;
import io.flashstation.sim.target.AccessSize;
import org.junit.jupiter.api.Test;

/**
 * How SWD and USB failures surface (jlink.md §3.2, §3.5; adiv5-swd-jtag.md §5): WAIT retried, FAULT, no ACK and
 * parity errors typed, a lost probe as {@link ProbeLostException}.
 */
class JlinkFailureTest {

    private static final int DP_ABORT = 0x0;
    /** STKCMPCLR | STKERRCLR | WDERRCLR | ORUNERRCLR. */
    private static final int ABORT_CLEAR_ALL = 0x1E;
    /** Nothing is mapped there on an STM32F411 (stm32f411-target.md memory map). */
    private static final int UNMAPPED = 0x3000_0000;

    @Test
    void waitStormIsRiddenOutByRetrying() throws Exception {
        // §3.5: a WAIT voids the rest of the call; the driver resets the line and goes on from the refused packet
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            int[] words = {0x11111111, 0x22222222, 0x33333333, 0x44444444, 0x55555555, 0x66666666};
            DapBatch write = probe.newBatch();
            write.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
            write.writeAp(0, AP_TAR, SRAM);
            write.writeApRepeated(0, AP_DRW, words, 0, words.length);
            write.run();
            long callsBefore = probe.counters().usbRoundTrips();

            lab.board.faults().waitStorm(4, 3);
            int[] back = new int[words.length];
            DapBatch read = probe.newBatch();
            read.writeAp(0, AP_TAR, SRAM);
            read.readApRepeated(0, AP_DRW, back, 0, back.length);
            read.run();

            assertThat(back).containsExactly(words);
            assertThat(probe.counters().usbRoundTrips() - callsBefore).as("one call per WAIT, plus the first")
                    .isEqualTo(1 + 4 * 3);
        }
    }

    @Test
    void waitDuringAWriteBurstLeavesTheDpAlone() throws Exception {
        // adiv5-swd-jtag.md §1.2: after WAIT the DP skips the data phase only with ORUNDETECT, which the driver
        // sets; 0xA9 in a word's low byte is a valid "DP write CTRL/STAT" request if the DP takes it for one
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            int[] words = {0x000000A9, 0x0FFFFEA9, 0xA9A9A9A9, 0x000000A9};
            lab.board.faults().waitStorm(4, 1);
            DapBatch write = probe.newBatch();
            write.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
            write.writeAp(0, AP_TAR, SRAM);
            write.writeApRepeated(0, AP_DRW, words, 0, words.length);
            write.run();

            for (int i = 0; i < words.length; i++) {
                assertThat(lab.board.chip().read(SRAM + 4 * i, AccessSize.WORD).data()).isEqualTo(words[i]);
            }
            assertThat(powerUp(probe).get() & JlinkSwdTest.POWER_ACKS).isEqualTo(JlinkSwdTest.POWER_ACKS);
        }
    }

    @Test
    void endlessWaitGivesUpAsWait() throws Exception {
        // §3.5: retries are bounded
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            lab.board.faults().waitStorm(1, SwdPacketRunner.MAX_WAIT_RETRIES + 1);
            DapBatch batch = probe.newBatch();
            batch.writeAp(0, AP_TAR, SRAM);
            batch.readAp(0, AP_DRW);
            assertThatThrownBy(batch::run).isInstanceOfSatisfying(SwdTransferException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.WAIT);
                assertThat(e.index()).isEqualTo(0);
            });
        }
    }

    @Test
    void readingAnUnmappedAddressFaultsAtThatRead() throws Exception {
        // adiv5-swd-jtag.md §5: the AHB error sets STICKYERR; the RDBUFF that collects the posted read gets FAULT
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            DapBatch batch = probe.newBatch();
            batch.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
            batch.writeAp(0, AP_TAR, UNMAPPED);
            DapValue value = batch.readAp(0, AP_DRW);
            assertThatThrownBy(batch::run).isInstanceOfSatisfying(SwdTransferException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.FAULT);
                assertThat(e.index()).isEqualTo(2);
            });
            assertThatThrownBy(value::get).isInstanceOf(IllegalStateException.class);

            // after ABORT clears the sticky flags the same probe reads SRAM again
            DapBatch recover = probe.newBatch();
            recover.writeDp(DP_ABORT, ABORT_CLEAR_ALL);
            recover.writeAp(0, AP_TAR, SRAM);
            DapValue sram = recover.readAp(0, AP_DRW);
            recover.run();
            assertThat(sram.get()).isEqualTo(lab.board.chip().read(SRAM, AccessSize.WORD).data());
        }
    }

    @Test
    void writingAnUnmappedAddressFaultsWithinTheSameBatch() throws Exception {
        // jlink.md §3.5: the RDBUFF that ends a batch of writes makes a failed write show before run() returns
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            DapBatch batch = probe.newBatch();
            batch.writeAp(0, AP_CSW, CSW_WORD_INCREMENT);
            batch.writeAp(0, AP_TAR, UNMAPPED);
            batch.writeAp(0, AP_DRW, 0x12345678);
            assertThatThrownBy(batch::run).isInstanceOfSatisfying(SwdTransferException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.FAULT);
                assertThat(e.index()).isEqualTo(2);
            });
        }
    }

    @Test
    void aCorruptedReadIsAParityError() throws Exception {
        // jlink.md §3.2: even parity over the 32 data bits
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            powerUp(probe);
            lab.board.faults().flipReadData(1);
            DapBatch batch = probe.newBatch();
            batch.readDp(0x0);
            batch.readDp(0x4);
            assertThatThrownBy(batch::run).isInstanceOfSatisfying(SwdTransferException.class, e -> {
                assertThat(e.failure()).isEqualTo(Failure.PARITY);
                assertThat(e.index()).isEqualTo(0);
            });
        }
    }

    @Test
    void anEmptyFixtureAnswersNothing() throws Exception {
        // jlink.md §3.2: nobody drives SWDIO, the pull-up reads as ACK 0b111
        try (JlinkLab lab = JlinkLab.emptyFixture(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            assertThatThrownBy(probe::connect).isInstanceOfSatisfying(SwdTransferException.class,
                    e -> assertThat(e.failure()).isEqualTo(Failure.NO_ACK));
        }
    }

    @Test
    void aBoardPutInLaterAnswersTheNextConnect() throws Exception {
        try (JlinkLab lab = JlinkLab.emptyFixture(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            assertThatThrownBy(probe::connect).isInstanceOf(SwdTransferException.class);
            lab.fixture.insert(VirtualBoard.open(BoardConfig.labBoard(1)));
            assertThat(probe.connect()).isEqualTo(JlinkSwdTest.DPIDR_STM32F411);
        }
    }

    @Test
    void unpluggedProbeIsLost() throws Exception {
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb()); JlinkProbe probe = lab.open()) {
            probe.connect();
            lab.bus.unplug(JlinkLab.PORT);
            DapBatch batch = probe.newBatch();
            batch.readDp(0x4);
            assertThatThrownBy(batch::run).isInstanceOf(ProbeLostException.class);
            assertThatThrownBy(probe::targetVoltage).isInstanceOf(ProbeLostException.class);
            assertThatThrownBy(() -> probe.setResetLine(true)).isInstanceOf(ProbeLostException.class);
        }
    }

    @Test
    void openingAnUnpluggedProbeIsLost() throws Exception {
        try (JlinkLab lab = JlinkLab.withBoard(JLinkProfile.genuineOb())) {
            lab.bus.unplug(JlinkLab.PORT);
            assertThatThrownBy(lab::open).isInstanceOf(ProbeLostException.class);
        }
    }
}
