package io.flashstation.probe.flash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.flashstation.probe.lab.LabBench;
import io.flashstation.probe.lab.LabProbe;
import io.flashstation.probe.lab.TestImages;
import io.flashstation.probe.lab.UnpluggingDevice;
import io.flashstation.probe.target.SectorLayout;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.target.ChipVariant;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 4's robustness list: every failure a station meets, through every probe family and the driver that
 * recognises it. Whatever goes wrong, a session ends with a typed FAIL, and PASS means the image is in flash.
 */
class FlashRobustnessLabTest {

    private static final int BASE = SectorLayout.FLASH_BASE;

    /** A guard against hangs, not a speed target: a few-KB session takes well under a second of wall time. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    /** Issue 4: a probe unplugged mid-operation surfaces within a second, never after a transfer timeout. */
    private static final Duration UNPLUG_NOTICED_WITHIN = Duration.ofSeconds(1);

    private static FlashResult flash(LabBench bench, byte[] image, FlashProgressListener listener) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> new FlashSession(bench.probe(), FlashPolicy.defaults(),
                listener).run(FlashImage.of(BASE, image)));
    }

    private static FlashResult flash(LabBench bench, byte[] image) {
        return flash(bench, image, FlashProgressListener.NONE);
    }

    /** Runs {@code action} once, when {@code phase} starts. */
    private static FlashProgressListener atStartOf(FlashPhase phase, Runnable action) {
        return once(atStartOf(phase), progress -> action.run());
    }

    private static Predicate<FlashProgress> atStartOf(FlashPhase phase) {
        return progress -> progress.phase() == phase;
    }

    /** Once {@code phase} has moved some of its bytes but not all. */
    private static Predicate<FlashProgress> partWayThrough(FlashPhase phase) {
        return progress -> progress.phase() == phase && progress.bytesDone() > 0
                && progress.bytesDone() < progress.bytesTotal();
    }

    /** Runs {@code action} the first time {@code when} holds. */
    private static FlashProgressListener once(Predicate<FlashProgress> when, Consumer<FlashProgress> action) {
        AtomicBoolean done = new AtomicBoolean();
        return progress -> {
            if (when.test(progress) && !done.getAndSet(true)) {
                action.accept(progress);
            }
        };
    }

    /** A PASS must mean the board holds the image (DESIGN.md "The flow of one board": PASS only after verify). */
    private static void assertPassHoldsImage(FlashResult result, VirtualBoard board, byte[] image) {
        if (result.passed()) {
            assertThat(Arrays.copyOf(board.chip().flashImage(), image.length)).as("flash after a PASS")
                    .isEqualTo(image);
        }
    }

    private static void assertPassed(FlashResult result, VirtualBoard board, byte[] image) {
        assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
        assertPassHoldsImage(result, board, image);
    }

    private static void assertFailed(FlashResult result, FailureReason reason) {
        assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.FAIL);
        assertThat(result.reason()).as(result.message()).contains(reason);
        assertThat(result.message()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void anOddSizedImagePassesAndIsInFlash(LabProbe probe) throws Exception {
        // stm32f411-target.md §8: the program sequence; the baseline every fault below departs from
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.withVectorTable(TestImages.codeLike(5_003, 101));
        try (LabBench bench = probe.bench(board)) {
            assertPassed(flash(bench, image), board, image);
        }
    }

    /** Every probe, unplugged one, two or three packets in: between the packets of a command or after a whole one. */
    static Stream<Arguments> everyProbeAndPacketsBeforeTheUnplug() {
        return Arrays.stream(LabProbe.values())
                .flatMap(probe -> IntStream.rangeClosed(1, 3).mapToObj(packets -> Arguments.of(probe, packets)));
    }

    @ParameterizedTest
    @MethodSource("everyProbeAndPacketsBeforeTheUnplug")
    void aProbeUnpluggedMidEraseIsProbeLostAtOnce(LabProbe probe, int packets) throws Exception {
        // issue 4: unplugged mid-operation → ProbeLostException quickly, never a hang
        assertUnplugIsProbeLost(probe, packets, atStartOf(FlashPhase.ERASE), FlashPhase.PROGRAM, 3_001);
    }

    @ParameterizedTest
    @MethodSource("everyProbeAndPacketsBeforeTheUnplug")
    void aProbeUnpluggedMidProgramIsProbeLostAtOnce(LabProbe probe, int packets) throws Exception {
        // issue 4: unplugged mid-operation → ProbeLostException quickly, never a hang
        assertUnplugIsProbeLost(probe, packets, partWayThrough(FlashPhase.PROGRAM), FlashPhase.VERIFY, 24_003);
    }

    @ParameterizedTest
    @MethodSource("everyProbeAndPacketsBeforeTheUnplug")
    void aProbeUnpluggedMidVerifyIsProbeLostNotAPass(LabProbe probe, int packets) throws Exception {
        // issue 4; DESIGN.md "The flow of one board": PASS only after verification has read everything back
        assertUnplugIsProbeLost(probe, packets, partWayThrough(FlashPhase.VERIFY), FlashPhase.RESET, 24_003);
    }

    /**
     * Unplugs the probe {@code packets} OUT packets after {@code when} first holds; the session must fail in that
     * phase and never reach {@code notReached}.
     */
    private static void assertUnplugIsProbeLost(LabProbe probe, int packets, Predicate<FlashProgress> when,
            FlashPhase notReached, int imageLength) throws Exception {
        AtomicReference<UnpluggingDevice> device = new AtomicReference<>();
        AtomicReference<FlashPhase> during = new AtomicReference<>();
        try (LabBench bench = probe.benchUnplugging(LabBench.f411(), device::set)) {
            FlashResult result = flash(bench, TestImages.codeLike(imageLength, 102), once(when, progress -> {
                during.set(progress.phase());
                device.get().unplugAfter(packets, bench.bus, LabBench.PORT);
            }));
            long noticedAt = System.nanoTime();
            assertThat(device.get().unplugged()).as("the unplug happened").isTrue();
            assertFailed(result, FailureReason.PROBE_LOST);
            assertThat(result.phaseDurations()).as("lost during " + during.get()).containsKey(during.get())
                    .doesNotContainKey(notReached);
            assertThat(Duration.ofNanos(noticedAt - device.get().unpluggedAtWallNanos()))
                    .isLessThan(UNPLUG_NOTICED_WITHIN);
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aBoardPulledOutMidProgramFailsAndNeverPasses(LabProbe probe) throws Exception {
        // adiv5-swd-jtag.md §1.3: with the board gone nothing drives SWDIO, so no ACK comes back
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(24_003, 103);
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, image, once(partWayThrough(FlashPhase.PROGRAM),
                    progress -> assertThat(bench.fixture.remove()).isPresent()));
            assertFailed(result, FailureReason.NO_TARGET);
            assertThat(result.phaseDurations()).doesNotContainKey(FlashPhase.VERIFY);
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aShortWaitStormIsRiddenOut(LabProbe probe) throws Exception {
        // adiv5-swd-jtag.md §5: WAIT while the AP is busy; three in a row is within every probe's retry budget
        assertWaitStormPassesOrIsTimeout(probe, FlashPhase.ERASE, 300, 3);
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aWaitStormFromTheFirstAccessIsRiddenOut(LabProbe probe) throws Exception {
        // adiv5-swd-jtag.md §5: the storm starts before the probe connects, so it meets power-up and identification
        assertWaitStormPassesOrIsTimeout(probe, FlashPhase.CONNECT, 300, 3);
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aLongWaitStormFromTheFirstAccessPassesOrIsATimeout(LabProbe probe) throws Exception {
        // adiv5-swd-jtag.md §5; stlink.md §5.3
        assertWaitStormPassesOrIsTimeout(probe, FlashPhase.CONNECT, 100, 40);
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aLongWaitStormPassesOrIsATimeoutNeverAHang(LabProbe probe) throws Exception {
        // adiv5-swd-jtag.md §5; stlink.md §5.3: a probe may give up after its retry budget, but as a typed WAIT
        assertWaitStormPassesOrIsTimeout(probe, FlashPhase.ERASE, 100, 40);
    }

    private static void assertWaitStormPassesOrIsTimeout(LabProbe probe, FlashPhase from, int transfers,
            int waitsEach) throws Exception {
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(4_097, 104);
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, image, atStartOf(from,
                    () -> board.faults().waitStorm(transfers, waitsEach)));
            if (!result.passed()) {
                assertFailed(result, FailureReason.TIMEOUT);
            }
            assertPassHoldsImage(result, board, image);
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aBusFaultWhileProgrammingIsNamedAndDoesNotStick(LabProbe probe) throws Exception {
        // adiv5-swd-jtag.md §2 (CTRL/STAT.STICKYERR), §5 (FAULT answers until ABORT clears it)
        assertFaultIsNamedAndCleared(probe, FlashPhase.PROGRAM, board -> board.faults().busErrors(2), "fault|bus error");
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void parityErrorsWhileVerifyingAreNamedAndDoNotStick(LabProbe probe) throws Exception {
        // adiv5-swd-jtag.md §1.2: a read data phase with bad parity must not be taken as data
        assertFaultIsNamedAndCleared(probe, FlashPhase.VERIFY, board -> board.faults().flipReadData(2), "parity");
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void parityErrorsWhileIdentifyingAreNamedAndDoNotStick(LabProbe probe) throws Exception {
        // adiv5-swd-jtag.md §1.2
        assertFaultIsNamedAndCleared(probe, FlashPhase.IDENTIFY, board -> board.faults().flipReadData(2), "parity");
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void writeParityErrorsWhileProgrammingAreNamedAndDoNotStick(LabProbe probe) throws Exception {
        // adiv5-swd-jtag.md §4.4/§5: a write data phase with bad parity is dropped, WDATAERR set, FAULT follows
        assertFaultIsNamedAndCleared(probe, FlashPhase.PROGRAM, board -> board.faults().flipWriteData(1), "fault");
    }

    /**
     * Arms a fault as {@code phase} starts. The session may ride it out (and then hold the image) or fail with a
     * message naming it; either way the error must not stick: once the fault is gone, the next session on the same
     * probe passes.
     */
    private static void assertFaultIsNamedAndCleared(LabProbe probe, FlashPhase phase, Consumer<VirtualBoard> arm,
            String namedAs) throws Exception {
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(6_007, 105);
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, image, atStartOf(phase, () -> arm.accept(board)));
            if (!result.passed()) {
                assertThat(result.outcome()).isEqualTo(FlashOutcome.FAIL);
                assertThat(result.reason()).isPresent();
                assertThat(result.message().toLowerCase(Locale.ROOT)).containsPattern(namedAs);
            }
            assertPassHoldsImage(result, board, image);
            board.faults().clear();
            byte[] next = TestImages.codeLike(2_005, 114);
            assertPassed(flash(bench, next), board, next);
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aStuckCellIsAVerifyMismatchNamingItsAddress(LabProbe probe) throws Exception {
        // stm32f411-target.md §3: programming clears bits; a cell stuck at 1 reads back 1
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(5_001, 106);
        image[0x203] = 0x00;
        board.faults().stuckAtOne(BASE + 0x203, 5);
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, image);
            assertFailed(result, FailureReason.VERIFY_MISMATCH);
            assertThat(result.failureAddress()).hasValue(BASE + 0x203);
            assertThat(result.message()).contains("0x08000203");
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aSectorThatWillNotEraseFails(LabProbe probe) throws Exception {
        // stm32f411-target.md §3: old zeros survive a failed erase and programming cannot set them back to 1
        VirtualBoard board = LabBench.f411();
        board.chip().loadFlashImage(new byte[board.chip().flashImage().length]);
        board.faults().failErase(0);
        byte[] image = TestImages.codeLike(3_001, 107);
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, image);
            assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.FAIL);
            assertThat(result.reason().orElseThrow()).isIn(FailureReason.ERASE_FAILED, FailureReason.VERIFY_MISMATCH);
            assertThat(result.failureAddress().orElseThrow()).as("in sector 0").isBetween(BASE, BASE + 0x3FFF);
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aBrownoutDuringTheEraseFails(LabProbe probe) throws Exception {
        // stm32f411-target.md §3 (power-on reset mid-operation): the erase is left partly done
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(3_001, 108);
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, image, atStartOf(FlashPhase.ERASE,
                    () -> board.faults().brownoutDuringNextOperation(0.5)));
            // adiv5-swd-jtag.md §2/§3: the power-on reset puts the SWJ-DP back in JTAG mode, so SWD requests go
            // unanswered (§1.3) until the host switches it to SWD again
            assertFailed(result, FailureReason.NO_TARGET);
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aBrownoutWhileProgrammingFails(LabProbe probe) throws Exception {
        // stm32f411-target.md §3: the word being programmed is left partly done and the chip resets
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(3_001, 109);
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, image, atStartOf(FlashPhase.PROGRAM,
                    () -> board.faults().brownoutDuringNextOperation(0.3)));
            // adiv5-swd-jtag.md §2/§3: the power-on reset puts the SWJ-DP back in JTAG mode, so SWD requests go
            // unanswered (§1.3) until the host switches it to SWD again
            assertFailed(result, FailureReason.NO_TARGET);
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void readProtectionLevelOneIsReadProtected(LabProbe probe) throws Exception {
        // stm32f411-target.md §7.2: level 1 keeps the debugger out of main flash
        VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(4).withRdpByte(0xBB));
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, TestImages.codeLike(1_001, 110));
            assertFailed(result, FailureReason.READ_PROTECTED);
            assertThat(board.counters().sectorsErased() + board.counters().massErases()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void readProtectionLevelTwoIsNoTarget(LabProbe probe) throws Exception {
        // stm32f411-target.md §7.2: at level 2 the debug port is gone for good
        VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(6).withRdpByte(0xCC));
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, TestImages.codeLike(1_001, 111));
            assertFailed(result, FailureReason.NO_TARGET);
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void aWriteProtectedSectorIsWriteProtected(LabProbe probe) throws Exception {
        // stm32f411-target.md §7.1/§7.3: a cleared nWRP bit protects its sector
        VirtualBoard board = LabBench.f411();
        byte[] options = board.chip().optionBytes();
        options[8] &= (byte) ~1;
        board.chip().loadOptionBytes(options);
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, TestImages.codeLike(2_001, 112));
            assertFailed(result, FailureReason.WRITE_PROTECTED);
            assertThat(result.message()).contains("sector 0");
            assertThat(board.counters().sectorsErased() + board.counters().massErases()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(LabProbe.class)
    void anImageTooLargeForAnF401ccFailsBeforeErasing(LabProbe probe) throws Exception {
        // circuitpython-blackpill.md §4: 448 KiB does not fit the F401CC's 256 KiB
        VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(3).withChip(ChipVariant.STM32F401CC));
        try (LabBench bench = probe.bench(board)) {
            FlashResult result = flash(bench, TestImages.codeLike(448 * 1024, 113));
            assertFailed(result, FailureReason.IMAGE_TOO_LARGE);
            assertThat(board.counters().sectorsErased() + board.counters().massErases()).isZero();
        }
    }
}
