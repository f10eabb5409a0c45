package io.flashstation.probe.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.flashstation.probe.lab.LabBench;
import io.flashstation.probe.lab.TestImages;
import io.flashstation.probe.target.AddressRange;
import io.flashstation.probe.target.ImageSegment;
import io.flashstation.probe.target.SectorLayout;
import io.flashstation.probe.target.Stm32F4Family;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.core.RunState;
import io.flashstation.sim.target.ChipVariant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole sessions through the CMSIS-DAP v2-HS driver against virtual boards, including every failure path. */
class FlashSessionLabTest {

    private static final int BASE = SectorLayout.FLASH_BASE;

    private static FlashResult flash(LabBench bench, FlashPolicy policy, byte[] image) throws Exception {
        return new FlashSession(bench.probe(), policy, FlashProgressListener.NONE).run(FlashImage.of(BASE, image));
    }

    private static VirtualBoard board(ChipVariant chip) {
        return VirtualBoard.open(BoardConfig.labBoard(3).withChip(chip));
    }

    private static void assertFlashHolds(VirtualBoard board, byte[] image) {
        byte[] flash = board.chip().flashImage();
        assertThat(Arrays.copyOf(flash, image.length)).isEqualTo(image);
    }

    @Test
    void anOddSizedImageOnAnF411PassesAndIsInFlash() throws Exception {
        // stm32f411-target.md §1 (DEV_ID 0x431), §4 (F_SIZE, UID), §8 (program sequence)
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.withVectorTable(TestImages.codeLike(10_001, 1));
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults(), image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            assertThat(result.reason()).isEmpty();
            assertThat(result.chip()).contains("STM32F411xE");
            assertThat(result.uid()).contains(board.uidHex());
            assertThat(result.swdClockHz()).isEqualTo(bench.probe().info().maxSwdHz());
            assertThat(result.phaseDurations()).containsKeys(FlashPhase.values());
            assertThat(result.counters().usbRoundTrips()).isPositive();
            // TIMING.md §5: only words that are not 0xFFFFFFFF are programmed (every 16th word is erased here,
            // but word 0 now holds the initial SP and word 64 the reset handler)
            assertThat(result.bytesProgrammed()).isEqualTo(4L * (2501 - 155));
            assertFlashHolds(board, image);
            byte[] flash = board.chip().flashImage();
            assertThat(flash[10_001]).isEqualTo((byte) 0xFF);
            assertThat(board.counters().sectorsErased()).isEqualTo(1);
            assertThat(board.debugBlock().core().runState()).as("the reset handler's idle loop runs")
                    .isEqualTo(RunState.RUNNING);
            assertThat(board.debugBlock().core().read(15)).isEqualTo(BASE + TestImages.RESET_HANDLER_OFFSET);
        }
    }

    @Test
    void withoutVerificationTheImageIsWrittenAndNeverReadBack() throws Exception {
        // TIMING.md §5: verification is a separate term of the floor; a policy without it skips the read-back
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.withVectorTable(TestImages.codeLike(20_000, 4));
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults().withVerify(false), image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            assertThat(result.message()).contains("not verified");
            assertThat(result.phaseDurations()).containsKeys(FlashPhase.PROGRAM, FlashPhase.RESET)
                    .doesNotContainKey(FlashPhase.VERIFY);
            assertFlashHolds(board, image);
        }
    }

    @Test
    void anF401ccIsIdentifiedAndFlashed() throws Exception {
        // stm32f411-target.md §1/§5: DEV_ID 0x423 is an F401xB/C; F_SIZE 256
        VirtualBoard board = board(ChipVariant.STM32F401CC);
        byte[] image = TestImages.codeLike(40_000, 2);
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults(), image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            assertThat(result.chip()).contains("STM32F401xC");
            assertThat(result.uid()).contains(board.uidHex());
            assertFlashHolds(board, image);
        }
    }

    @Test
    void theCircuitPythonImageFlashesWithinTenPercentOfTheFloor() throws Exception {
        // images/README.md: floor for cmsis-dap-v2-hs with read-back verification is 6.24 s (TIMING.md §5)
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.circuitPythonLayout();
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults(), image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            assertFlashHolds(board, image);
            double seconds = result.total().toNanos() / 1e9;
            double boardSeconds = board.counters().virtualNanos() / 1e9;
            System.out.printf("CircuitPython image via cmsis-dap-v2-hs: session %.3f s, board %.3f s "
                    + "(floor 6.24 s, ratio %.3f); phases %s; %s%n", seconds, boardSeconds, seconds / 6.24,
                    result.phaseDurations(), result.counters());
            assertThat(board.counters().massErases()).isEqualTo(1);
            assertThat(seconds).isBetween(0.98 * 6.24, 1.10 * 6.24);
        }
    }

    @Test
    void aLowSupplyProgramsHalfWordsAtX16() throws Exception {
        // stm32f411-target.md §8: below 2.7 V the parallelism drops to x16, and each access must be a half-word
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(20_003, 14);
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults().withAssumedSupplyVolts(2.5), image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            assertFlashHolds(board, image);
            // TIMING.md §1: two 16 KiB sectors at x16 take 2 × 300 ms (x32 would be 2 × 250 ms)
            assertThat(result.phaseDurations().get(FlashPhase.ERASE).toMillis()).isBetween(600L, 640L);
        }
    }

    @Test
    void waitAnswersFromABusyBusAreAbsorbed() throws Exception {
        // adiv5-swd-jtag.md §5: WAIT while an AP access is still running; the probe retries
        VirtualBoard board = LabBench.f411();
        board.faults().waitStorm(200, 3);
        byte[] image = TestImages.codeLike(5000, 15);
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults(), image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            assertFlashHolds(board, image);
        }
    }

    @Test
    void atX16TheLoaderStepsAsideAndTheHostProgramsSayingSo() throws Exception {
        // stm32f411-target.md §8: below 2.7 V programs are half-words, which our word loader does not do
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(20_003, 15);
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults().withAssumedSupplyVolts(2.5).withFlashLoader(true),
                    image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            assertThat(result.message()).contains("programmed from the host: the on-target loader could not run");
            assertFlashHolds(board, image);
        }
    }

    @Test
    void theLoaderAndTheCrcHandleASegmentedImage() throws Exception {
        // issue 11: both routines on the core, one CRC per segment; the sectors between the segments stay as they were
        VirtualBoard board = LabBench.f411();
        byte[] vectors = TestImages.withVectorTable(TestImages.codeLike(0x400, 18));
        byte[] firmware = TestImages.codeLike(70_001, 19);
        FlashImage image = FlashImage.ofSegments(List.of(new ImageSegment(BASE + 0x10000, firmware),
                new ImageSegment(BASE, vectors)));
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = new FlashSession(bench.probe(),
                    FlashPolicy.defaults().withFlashLoader(true).withOnTargetCrc(true), FlashProgressListener.NONE)
                    .run(image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            assertThat(result.message()).contains("(on-target loader) (on-target CRC)");
        }
        byte[] after = board.chip().flashImage();
        assertThat(Arrays.copyOfRange(after, 0, vectors.length)).isEqualTo(vectors);
        assertThat(Arrays.copyOfRange(after, 0x10000, 0x10000 + firmware.length)).isEqualTo(firmware);
        assertThat(Arrays.copyOfRange(after, 0x4000, 0x10000)).containsOnly((byte) 0xFF);
        assertThat(board.debugBlock().core().read(15)).as("the reset ran the image: its idle loop")
                .isEqualTo(BASE + TestImages.RESET_HANDLER_OFFSET);
    }

    @Test
    void withoutMassEraseEveryTouchedSectorIsErasedOnItsOwn() throws Exception {
        // TIMING.md §5: E = Σ sector erases when a mass erase is not an option
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.circuitPythonLayout();
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults().withMassErase(false), image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            assertThat(board.counters().sectorsErased()).isEqualTo(8);
            assertThat(board.counters().massErases()).isZero();
            // TIMING.md §1: 4 × 250 + 550 + 3 × 1000 ms at x32
            assertThat(result.phaseDurations().get(FlashPhase.ERASE).toMillis()).isBetween(4550L, 4600L);
        }
    }

    @Test
    void aSegmentedImageLeavesTheSectorsBetweenItsSegmentsAlone() throws Exception {
        // circuitpython-blackpill.md §4 option (c): vector table in sector 0, firmware from 0x08010000, the
        // CIRCUITPY sectors 1–3 keep their files
        VirtualBoard board = LabBench.f411();
        byte[] before = board.chip().flashImage();
        Arrays.fill(before, 0x4000, 0x10000, (byte) 0x5A);
        board.chip().loadFlashImage(before);
        byte[] vectors = TestImages.withVectorTable(TestImages.codeLike(0x400, 16));
        byte[] firmware = TestImages.codeLike(100_000, 17);
        FlashImage image = FlashImage.ofSegments(List.of(new ImageSegment(BASE + 0x10000, firmware),
                new ImageSegment(BASE, vectors)));
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = new FlashSession(bench.probe(), FlashPolicy.defaults(), FlashProgressListener.NONE)
                    .run(image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
        }
        byte[] after = board.chip().flashImage();
        assertThat(Arrays.copyOfRange(after, 0, vectors.length)).isEqualTo(vectors);
        assertThat(Arrays.copyOfRange(after, 0x10000, 0x10000 + firmware.length)).isEqualTo(firmware);
        assertThat(Arrays.copyOfRange(after, 0x4000, 0x10000)).containsOnly((byte) 0x5A);
        // sectors 0, 4 and 5 (the firmware runs past 0x08020000)
        assertThat(board.counters().sectorsErased()).isEqualTo(3);
    }

    @Test
    void erasedOnlyRangesAreBlankAfterwardsAndNeitherProgrammedNorVerified() throws Exception {
        // circuitpython-blackpill.md §4 option (b): erase the CIRCUITPY sectors 1–3, do not program their zeros
        VirtualBoard board = LabBench.f411();
        byte[] before = board.chip().flashImage();
        Arrays.fill(before, 0x4000, 0x10000, (byte) 0x5A);
        board.chip().loadFlashImage(before);
        byte[] vectors = TestImages.withVectorTable(TestImages.codeLike(0x400, 16));
        byte[] firmware = TestImages.codeLike(20_000, 18);
        FlashImage image = FlashImage.ofSegments(List.of(new ImageSegment(BASE, vectors),
                new ImageSegment(BASE + 0x10000, firmware))).withErasedRanges(List.of(new AddressRange(BASE + 0x4000,
                0xC000)));
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = new FlashSession(bench.probe(), FlashPolicy.defaults().withMassErase(false),
                    FlashProgressListener.NONE).run(image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            // erased words (0xFFFFFFFF) in the written segments are skipped too, the erased range entirely
            assertThat(result.bytesProgrammed()).isLessThanOrEqualTo(vectors.length + firmware.length);
        }
        byte[] after = board.chip().flashImage();
        assertThat(Arrays.copyOfRange(after, 0x4000, 0x10000)).containsOnly((byte) 0xFF);
        assertThat(Arrays.copyOfRange(after, 0x10000, 0x10000 + firmware.length)).isEqualTo(firmware);
        // sectors 0, 1, 2, 3 and 4
        assertThat(board.counters().sectorsErased()).isEqualTo(5);
    }

    @Test
    void anEraseOnlyRangeMayNotOverlapWhatIsWritten() {
        FlashImage image = FlashImage.of(BASE, new byte[0x5000]);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> image.withErasedRanges(List.of(new AddressRange(BASE + 0x4000, 0xC000))))
                .withMessageContaining("0x08004000-0x0800FFFF");
    }

    @Test
    void anImageLargerThanAnF401ccFailsBeforeAnythingIsErased() throws Exception {
        // circuitpython-blackpill.md §4: 448 KiB of firmware does not fit a 256 KiB F401CC
        VirtualBoard board = board(ChipVariant.STM32F401CC);
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults(), TestImages.codeLike(448 * 1024, 3));
            assertThat(result.outcome()).isEqualTo(FlashOutcome.FAIL);
            assertThat(result.reason()).contains(FailureReason.IMAGE_TOO_LARGE);
            assertThat(result.message()).contains("STM32F401xC", "458752", "262144");
            assertThat(board.counters().sectorsErased() + board.counters().massErases()).isZero();
        }
    }

    @Test
    void aPartTheImageIsNotForIsTheWrongChip() throws Exception {
        VirtualBoard board = board(ChipVariant.STM32F401CE);
        FlashPolicy f411Only = FlashPolicy.defaults().withAcceptedFamilies(EnumSet.of(Stm32F4Family.STM32F411));
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, f411Only, TestImages.codeLike(1000, 4));
            assertThat(result.reason()).contains(FailureReason.WRONG_CHIP);
            assertThat(result.chip()).contains("STM32F401xE");
        }
    }

    @Test
    void readProtectionLevelOneFails() throws Exception {
        // stm32f411-target.md §7.2: RDP level 1 blocks a debugger from main flash
        VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(4).withRdpByte(0xBB));
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults(), TestImages.codeLike(1000, 5));
            assertThat(result.reason()).contains(FailureReason.READ_PROTECTED);
            assertThat(result.message()).contains("level 1");
            assertThat(board.counters().sectorsErased() + board.counters().massErases()).isZero();
        }
    }

    @Test
    void readProtectionLevelOneIsRemovedWhenThePolicyAllowsIt() throws Exception {
        // stm32f411-target.md §7.2: RDP 1 → 0 regression mass-erases the flash, then the chip is open
        VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(5).withRdpByte(0xBB));
        byte[] image = TestImages.codeLike(30_000, 12);
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults().withRdpRegression(true), image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
            assertFlashHolds(board, image);
        }
    }

    @Test
    void readProtectionLevelTwoLooksLikeNoTarget() throws Exception {
        // stm32f411-target.md §7.2: at level 2 the debug port answers nothing, as with no board at all
        VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(6).withRdpByte(0xCC));
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults().withRdpRegression(true),
                    TestImages.codeLike(1000, 13));
            assertThat(result.reason()).contains(FailureReason.NO_TARGET);
            assertThat(result.message()).contains("level 2");
        }
    }

    @Test
    void aWriteProtectedSectorTheImageNeedsFailsNamingIt() throws Exception {
        // stm32f411-target.md §7.1/§7.3: nWRP[7:0] at option byte 8; a cleared bit protects its sector
        VirtualBoard board = LabBench.f411();
        byte[] options = board.chip().optionBytes();
        options[8] &= (byte) ~(1 << 2);
        board.chip().loadOptionBytes(options);
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults(), TestImages.codeLike(40_000, 6));
            assertThat(result.reason()).contains(FailureReason.WRITE_PROTECTED);
            assertThat(result.message()).contains("sector 2");
            assertThat(result.failureAddress()).hasValue(0x0800_8000);
        }
    }

    @Test
    void onTargetCrcVerifiesWithoutReadingTheImageBack() throws Exception {
        // issue 11 / TIMING.md §5: the chip computes the CRC, a few words cross the wire instead of the image
        VirtualBoard crcBoard = LabBench.f411();
        VirtualBoard readBackBoard = board(ChipVariant.STM32F411CE);
        byte[] image = TestImages.circuitPythonLayout();
        FlashResult crc;
        FlashResult readBack;
        try (LabBench bench = LabBench.with(crcBoard)) {
            crc = flash(bench, FlashPolicy.defaults().withOnTargetCrc(true), image);
        }
        try (LabBench bench = LabBench.with(readBackBoard)) {
            readBack = flash(bench, FlashPolicy.defaults(), image);
        }
        assertThat(crc.outcome()).as(crc.message()).isEqualTo(FlashOutcome.PASS);
        assertThat(crc.message()).contains("on-target CRC");
        assertFlashHolds(crcBoard, image);
        double crcSeconds = crc.phaseDurations().get(FlashPhase.VERIFY).toNanos() / 1e9;
        double readBackSeconds = readBack.phaseDurations().get(FlashPhase.VERIFY).toNanos() / 1e9;
        System.out.printf("CircuitPython image via cmsis-dap-v2-hs: verify %.4f s on-target CRC, %.4f s read-back "
                + "(%.1fx)%n", crcSeconds, readBackSeconds, readBackSeconds / crcSeconds);
        // 434,176 bytes at 11 cycles each on a 64 MHz core: 75 ms, plus the routine's table and a few round trips
        assertThat(crcSeconds).isBetween(0.074, 0.090);
        assertThat(readBackSeconds / crcSeconds).isGreaterThan(5);
    }

    @Test
    void aStuckCellFailsTheOnTargetCrcAndIsLocatedByReadBack() throws Exception {
        // stm32f411-target.md §3: the cell holds what it holds whoever reads it, the core or the debugger
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(20_000, 8);
        image[0x2345] = 0x00;
        board.faults().stuckAtOne(BASE + 0x2345, 6);
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults().withOnTargetCrc(true), image);
            assertThat(result.reason()).contains(FailureReason.VERIFY_MISMATCH);
            assertThat(result.failureAddress()).hasValue(BASE + 0x2345);
        }
    }

    @Test
    void aStuckCellIsAVerifyMismatchAtItsAddress() throws Exception {
        // stm32f411-target.md §3: verification reads back what the cells hold
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(20_000, 7);
        image[0x101] = 0x00;
        board.faults().stuckAtOne(BASE + 0x101, 3);
        try (LabBench bench = LabBench.with(board)) {
            FlashResult result = flash(bench, FlashPolicy.defaults(), image);
            assertThat(result.reason()).contains(FailureReason.VERIFY_MISMATCH);
            assertThat(result.failureAddress()).hasValue(BASE + 0x101);
            assertThat(result.message()).contains("0x08000101");
        }
    }

    @Test
    void anEraseThatLeavesOldContentsIsCaught() throws Exception {
        // stm32f411-target.md §3: programming only clears bits, so old zeros survive a failed erase
        VirtualBoard board = LabBench.f411();
        byte[] first = new byte[8192];
        byte[] second = TestImages.codeLike(8192, 8);
        try (LabBench bench = LabBench.with(board)) {
            assertThat(flash(bench, FlashPolicy.defaults(), first).passed()).isTrue();
            board.faults().failErase(0);
            FlashResult result = flash(bench, FlashPolicy.defaults(), second);
            assertThat(result.outcome()).isEqualTo(FlashOutcome.FAIL);
            assertThat(result.reason().orElseThrow()).isIn(FailureReason.ERASE_FAILED, FailureReason.VERIFY_MISMATCH);
        }
    }

    @Test
    void anEmptyFixtureIsNoTarget() throws Exception {
        // adiv5-swd-jtag.md §1.3: nothing drives SWDIO, no ACK
        try (LabBench bench = LabBench.empty()) {
            FlashResult result = flash(bench, FlashPolicy.defaults(), TestImages.codeLike(1000, 9));
            assertThat(result.reason()).contains(FailureReason.NO_TARGET);
            assertThat(result.chip()).isEmpty();
        }
    }

    @Test
    void progressRunsThroughThePhasesInOrder() throws Exception {
        List<FlashProgress> events = new ArrayList<>();
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            FlashResult result = new FlashSession(bench.probe(), FlashPolicy.defaults(), events::add)
                    .run(FlashImage.of(BASE, TestImages.codeLike(70_000, 10)));
            assertThat(result.passed()).as(result.message()).isTrue();
        }
        assertThat(events.stream().map(FlashProgress::phase).distinct().toList())
                .containsExactly(FlashPhase.values());
        FlashProgress lastProgram = events.stream().filter(e -> e.phase() == FlashPhase.PROGRAM)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastProgram.bytesDone()).isEqualTo(lastProgram.bytesTotal()).isPositive();
        FlashProgress lastVerify = events.stream().filter(e -> e.phase() == FlashPhase.VERIFY)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(lastVerify.bytesDone()).isEqualTo(70_000);
    }

    @Test
    void aProbeUnpluggedWhileProgrammingIsProbeLost() throws Exception {
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            FlashProgressListener unplugMidway = progress -> {
                if (progress.phase() == FlashPhase.PROGRAM && progress.bytesDone() > 0) {
                    bench.bus.unplug(LabBench.PORT);
                }
            };
            FlashResult result = new FlashSession(bench.probe(), FlashPolicy.defaults(), unplugMidway)
                    .run(FlashImage.of(BASE, TestImages.codeLike(70_000, 11)));
            assertThat(result.reason()).contains(FailureReason.PROBE_LOST);
        }
    }
}
