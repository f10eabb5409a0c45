package io.flashstation.probe.openocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.flash.FailureReason;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.flash.FlashOutcome;
import io.flashstation.probe.flash.FlashPhase;
import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.flash.FlashProgress;
import io.flashstation.probe.flash.FlashProgressListener;
import io.flashstation.probe.flash.FlashResult;
import io.flashstation.probe.lab.TestImages;
import io.flashstation.probe.target.ImageSegment;
import io.flashstation.probe.target.SectorLayout;
import io.flashstation.probe.target.Stm32F4Family;
import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.usb.UsbDeviceInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend drives the real OpenOCD 0.12.0 against virtual ST-Links and boards served by the simulator's
 * stlink-server endpoint. Images are a few KiB: without a work area OpenOCD writes half-word by half-word.
 */
class OpenOcdFlashLabTest {

    private static final String SERIAL_A = "066D37485051717867180001";
    private static final String SERIAL_B = "066D37485051717867180002";
    private static final int SECTOR_1 = 0x0800_4000;
    private static final int SECTOR_2 = 0x0800_8000;

    @TempDir
    Path work;

    private OpenOcdLab lab;

    @BeforeEach
    void startLab() throws Exception {
        lab = OpenOcdLab.start();
    }

    @AfterEach
    void stopLab() {
        lab.close();
    }

    private FlashResult flash(OpenOcdSettings settings, ProbeKind kind, String serial, FlashPolicy policy,
            FlashImage image, FlashProgressListener listener) {
        return new OpenOcdFlashSession(settings, OpenOcdProbe.of(kind, serial), policy, listener, work).run(image);
    }

    private FlashResult flash(String serial, FlashPolicy policy, FlashImage image) {
        return flash(lab.settings(), ProbeKind.STLINK_V2, serial, policy, image, FlashProgressListener.NONE);
    }

    private static FlashPolicy sectorErase() {
        return FlashPolicy.defaults().withMassErase(false).withSwdClockHz(1_800_000);
    }

    private static FlashImage smallImage(int length, long seed) {
        return FlashImage.of(SectorLayout.FLASH_BASE, TestImages.withVectorTable(TestImages.codeLike(length, seed)));
    }

    private static VirtualBoard board(int index, ChipVariant chip, int rdpByte) {
        return VirtualBoard.open(BoardConfig.labBoard(index).withChip(chip).withRdpByte(rdpByte));
    }

    /** Fills the board's whole flash with a pattern, so that what an erase touched shows. */
    private static byte[] preload(VirtualBoard board, long seed) {
        byte[] old = TestImages.codeLike(board.chip().variant().flashBytes(), seed);
        board.chip().loadFlashImage(old);
        return old;
    }

    private static byte[] flashRange(VirtualBoard board, int address, int length) {
        int offset = address - SectorLayout.FLASH_BASE;
        return Arrays.copyOfRange(board.chip().flashImage(), offset, offset + length);
    }

    // stm32f411-target.md §4 (UID at 0x1FFF7A10, F_SIZE), §5 (DEV_ID 0x431); openocd-recipes.md §3 with verify
    @Test
    void flashesAndVerifiesABoardAndKeysTheResultByItsUid() throws Exception {
        VirtualBoard board = lab.plug(StlinkModel.V2, SERIAL_A, VirtualBoard.open(BoardConfig.labBoard(3)));
        VirtualBoard other = lab.plug(StlinkModel.V2, SERIAL_B, VirtualBoard.open(BoardConfig.labBoard(4)));
        FlashImage image = smallImage(3_000, 7);
        List<FlashProgress> events = new ArrayList<>();

        FlashResult result = flash(lab.settings(), ProbeKind.STLINK_V2, SERIAL_A, sectorErase(), image, events::add);

        assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
        assertThat(result.reason()).isEmpty();
        assertThat(result.chip()).contains("STM32F411xE");
        assertThat(result.uid()).contains(board.uidHex());
        assertThat(flashRange(board, SectorLayout.FLASH_BASE, 3_000)).isEqualTo(image.segments().get(0).bytes());
        assertThat(other.chip().flashImage()).as("the board on the other probe").containsOnly((byte) 0xFF);
        assertThat(result.bytesProgrammed()).isEqualTo(3_000);
        assertThat(result.phaseDurations()).containsOnlyKeys(FlashPhase.values());
        assertThat(events).extracting(FlashProgress::phase).containsSubsequence(FlashPhase.values());
        assertThat(result.swdClockHz()).isEqualTo(1_800_000); // stlink.md: V2 clock steps, 1.8 MHz is one of them
        assertThat(result.message()).contains("verified").contains("STM32F411xE");
        try (java.util.stream.Stream<Path> left = java.nio.file.Files.list(work)) {
            assertThat(left).as("the image handed to OpenOCD is deleted").isEmpty();
        }
    }

    // stlink.md §1: clone firmware reports its 12-byte ID raw; OpenOCD and stlink-server name it by 24 hex digits
    @Test
    void aCloneWithABinarySerialIsSelectedByTheHexFormOpenOcdUses() {
        byte[] raw = {0x55, (byte) 0xFF, 0x6C, 0x06, 0x49, (byte) 0x83, 0x51, 0x53, 0x22, 0x41, 0x10, (byte) 0x87};
        VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(16));
        UsbDeviceInfo clone = lab.plugDevice(StlinkModel.V2_CLONE, VirtualStlink.binarySerial(raw), board);
        lab.plug(StlinkModel.V2, SERIAL_B, VirtualBoard.open(BoardConfig.labBoard(17)));
        OpenOcdProbe probe = OpenOcdProbe.of(ProbeKind.STLINK_V2, clone);
        FlashImage image = smallImage(1_024, 15);

        FlashResult result = new OpenOcdFlashSession(lab.settings(), probe, sectorErase(), FlashProgressListener.NONE,
                work).run(image);

        assertThat(probe.serial()).isEqualTo("55FF6C064983515322411087");
        assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
        assertThat(result.uid()).contains(board.uidHex());
        assertThat(flashRange(board, SectorLayout.FLASH_BASE, 1_024)).isEqualTo(image.segments().get(0).bytes());
    }

    // stm32f411-target.md §3 (sector layout): only the sectors the image touches are erased; Intel HEX keeps gaps
    @Test
    void dapdirectWritesASegmentedImageAndErasesOnlyTheSectorsItTouches() {
        VirtualBoard board = lab.plug(StlinkModel.V3, SERIAL_A, VirtualBoard.open(BoardConfig.labBoard(5)));
        byte[] old = preload(board, 99);
        byte[] head = TestImages.withVectorTable(TestImages.codeLike(1_024, 1));
        byte[] tail = TestImages.codeLike(600, 2);
        FlashImage image = FlashImage.ofSegments(List.of(new ImageSegment(SectorLayout.FLASH_BASE, head),
                new ImageSegment(SECTOR_2, tail)));

        FlashResult result = flash(lab.settings().withStlinkTransport(OpenOcdTransport.DAPDIRECT_SWD),
                ProbeKind.STLINK_V3, SERIAL_A, sectorErase(), image, FlashProgressListener.NONE);

        assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
        assertThat(result.uid()).contains(board.uidHex());
        assertThat(flashRange(board, SectorLayout.FLASH_BASE, head.length)).isEqualTo(head);
        assertThat(flashRange(board, SECTOR_2, tail.length)).isEqualTo(tail);
        assertThat(flashRange(board, SectorLayout.FLASH_BASE + head.length, 16))
                .as("sector 0 past the image is erased").containsOnly((byte) 0xFF);
        int sector1 = SECTOR_1 - SectorLayout.FLASH_BASE;
        assertThat(flashRange(board, SECTOR_1, 0x4000)).as("sector 1, which the image skips")
                .isEqualTo(Arrays.copyOfRange(old, sector1, sector1 + 0x4000));
        int sector3 = 0xC000;
        assertThat(flashRange(board, 0x0800_C000, 0x100)).as("sector 3, past the image")
                .isEqualTo(Arrays.copyOfRange(old, sector3, sector3 + 0x100));
        assertThat(board.chip().stats().sectorsErased()).isEqualTo(2);
        assertThat(board.chip().stats().massErases()).isZero();
    }

    // openocd-recipes.md §1–§3 erase the whole chip; the policy allowing it, so does an image touching every sector
    @Test
    void aMassErasePolicyClearsTheWholeChipForAnImageTouchingEverySector() {
        VirtualBoard board = lab.plug(StlinkModel.V2_1, SERIAL_A, VirtualBoard.open(BoardConfig.labBoard(6)));
        preload(board, 98);
        List<ImageSegment> segments = new ArrayList<>();
        for (int address : new int[] {0x0800_0000, 0x0800_4000, 0x0800_8000, 0x0800_C000, 0x0801_0000, 0x0802_0000,
                0x0804_0000, 0x0806_0000}) {
            segments.add(new ImageSegment(address, TestImages.codeLike(64, address)));
        }
        FlashImage image = FlashImage.ofSegments(segments);

        FlashResult result = flash(SERIAL_A, sectorErase().withMassErase(true), image);

        assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
        byte[] expected = new byte[board.chip().variant().flashBytes()];
        Arrays.fill(expected, (byte) 0xFF);
        for (ImageSegment segment : segments) {
            System.arraycopy(segment.bytes(), 0, expected, segment.address() - SectorLayout.FLASH_BASE, 64);
        }
        assertThat(board.chip().flashImage()).isEqualTo(expected);
        assertThat(board.chip().stats().massErases()).isEqualTo(1);
        assertThat(board.chip().stats().sectorsErased()).isZero();
    }

    // stm32f411-target.md §7.2: level 1 hides flash from the debugger; leaving it mass-erases, which needs the policy
    @Test
    void aReadProtectedBoardIsRefusedUntouchedWhenThePolicyForbidsRegression() {
        VirtualBoard board = lab.plug(StlinkModel.V2, SERIAL_A, board(7, ChipVariant.STM32F411CE, 0x55));
        byte[] old = preload(board, 97);

        FlashResult result = flash(SERIAL_A, sectorErase().withRdpRegression(false), smallImage(1_024, 4));

        assertThat(result.outcome()).isEqualTo(FlashOutcome.FAIL);
        assertThat(result.reason()).contains(FailureReason.READ_PROTECTED);
        assertThat(result.message()).contains("read-protection level 1").contains("RDP 0x55");
        assertThat(result.uid()).as("the row is still keyed by the chip").contains(board.uidHex());
        assertThat(result.phaseDurations()).doesNotContainKeys(FlashPhase.ERASE, FlashPhase.PROGRAM);
        assertThat(board.chip().rdpLevel()).isEqualTo(1);
        assertThat(board.chip().flashImage()).isEqualTo(old);
    }

    // stm32f411-target.md §7.2: RDP 1 → 0 mass-erases, then the board is flashed as usual
    @Test
    void aReadProtectedBoardIsUnlockedAndFlashedWhenThePolicyAllows() {
        VirtualBoard board = lab.plug(StlinkModel.V2, SERIAL_A, board(8, ChipVariant.STM32F411CE, 0x55));
        preload(board, 96);
        FlashImage image = smallImage(1_024, 5);

        FlashResult result = flash(SERIAL_A, sectorErase().withRdpRegression(true), image);

        assertThat(result.outcome()).as(result.message()).isEqualTo(FlashOutcome.PASS);
        assertThat(board.chip().rdpLevel()).isZero();
        byte[] flash = board.chip().flashImage();
        assertThat(Arrays.copyOf(flash, 1_024)).isEqualTo(image.segments().get(0).bytes());
        assertThat(Arrays.copyOfRange(flash, 1_024, flash.length)).as("the regression erased everything")
                .containsOnly((byte) 0xFF);
    }

    // stm32f411-target.md §5: DEV_ID 0x423 is an F401xB/C; an image for the F411 only must not be written to it
    @Test
    void aWrongChipIsRefusedBeforeAnythingIsErased() {
        VirtualBoard board = lab.plug(StlinkModel.V2, SERIAL_A, board(9, ChipVariant.STM32F401CC, 0xAA));
        byte[] old = preload(board, 95);

        FlashResult result = flash(SERIAL_A, sectorErase().withAcceptedFamilies(EnumSet.of(Stm32F4Family.STM32F411)),
                smallImage(1_024, 6));

        assertThat(result.reason()).contains(FailureReason.WRONG_CHIP);
        assertThat(result.chip()).contains("STM32F401xC");
        assertThat(result.uid()).contains(board.uidHex());
        assertThat(result.message()).contains("not for the STM32F401xC");
        assertThat(board.chip().flashImage()).isEqualTo(old);
    }

    // stm32f411-target.md §4: F_SIZE 256 KiB on the F401CC; an image reaching past it is refused with both sizes
    @Test
    void anImageBeyondTheChipsFlashIsRefused() {
        VirtualBoard board = lab.plug(StlinkModel.V2, SERIAL_A, board(10, ChipVariant.STM32F401CC, 0xAA));
        byte[] old = preload(board, 94);

        FlashResult result = flash(SERIAL_A, sectorErase(),
                FlashImage.of(0x0804_0000, TestImages.codeLike(512, 8)));

        assertThat(result.reason()).contains(FailureReason.IMAGE_TOO_LARGE);
        assertThat(result.message()).contains("STM32F401xC").contains("262144 bytes of flash");
        assertThat(result.failureAddress()).hasValue(0x0804_0000);
        assertThat(board.chip().flashImage()).isEqualTo(old);
    }

    // stm32f411-target.md §6 (program) and OpenOCD's verify_image: a cell stuck at 0 shows as a verify mismatch
    @Test
    void aStuckFlashCellFailsVerificationAtItsAddress() {
        VirtualBoard board = lab.plug(StlinkModel.V2, SERIAL_A, VirtualBoard.open(BoardConfig.labBoard(11)));
        byte[] content = TestImages.withVectorTable(TestImages.codeLike(1_024, 9));
        content[0x101] = (byte) 0xFF;
        board.faults().stuckAtZero(SectorLayout.FLASH_BASE + 0x101, 4);

        FlashResult result = flash(SERIAL_A, sectorErase(), FlashImage.of(SectorLayout.FLASH_BASE, content));

        assertThat(result.reason()).as(result.message()).contains(FailureReason.VERIFY_MISMATCH);
        assertThat(result.failureAddress()).hasValue(SectorLayout.FLASH_BASE + 0x101);
        assertThat(result.uid()).contains(board.uidHex());
    }

    // stlink.md §9.1, §7: a probe with an empty fixture reads no voltage and cannot enter SWD
    @Test
    void anEmptyFixtureIsNoTarget() {
        lab.plugEmpty(StlinkModel.V2, SERIAL_A);

        FlashResult result = flash(SERIAL_A, sectorErase(), smallImage(1_024, 10));

        assertThat(result.reason()).as(result.message()).contains(FailureReason.NO_TARGET);
        assertThat(result.message()).contains("no powered board in the fixture")
                .contains("target voltage may be too low");
        assertThat(result.uid()).isEmpty();
    }

    // OpenOCD src/jtag/drivers/stlink_usb.c: "ST-LINK open failed (serial mismatch)"
    @Test
    void aSerialThatMatchesNoProbeIsProbeLost() {
        lab.plug(StlinkModel.V2, SERIAL_A, VirtualBoard.open(BoardConfig.labBoard(12)));

        FlashResult result = flash("066D000000000000000000FF", sectorErase(), smallImage(1_024, 11));

        assertThat(result.reason()).contains(FailureReason.PROBE_LOST);
        assertThat(result.message()).contains("no connected probe has the serial").contains("serial mismatch");
        assertThat(result.chip()).isEmpty();
    }

    // stlink.md (stlink-server TCP protocol): a dropped connection is the probe gone, whatever the board was doing
    @Test
    void theEndpointDroppingMidRunIsProbeLost() {
        VirtualBoard board = lab.plug(StlinkModel.V2, SERIAL_A, VirtualBoard.open(BoardConfig.labBoard(15)));
        FlashProgressListener dropAtProgram = event -> {
            if (event.phase() == FlashPhase.PROGRAM && event.bytesTotal() == 0) {
                lab.dropEndpoint();
            }
        };

        FlashResult result = flash(lab.settings(), ProbeKind.STLINK_V2, SERIAL_A, sectorErase(), smallImage(4_096, 14),
                dropAtProgram);

        assertThat(result.reason()).as(result.message()).contains(FailureReason.PROBE_LOST);
        assertThat(result.uid()).contains(board.uidHex());
    }

    // DESIGN.md: results are keyed by UID whichever probe flashed; two OpenOCDs at once need distinct probes only
    @Test
    void twoOpenOcdsFlashTwoBoardsAtOnce() throws Exception {
        VirtualBoard first = lab.plug(StlinkModel.V2, SERIAL_A, VirtualBoard.open(BoardConfig.labBoard(13)));
        VirtualBoard second = lab.plug(StlinkModel.V2_1, SERIAL_B, VirtualBoard.open(BoardConfig.labBoard(14)));
        FlashImage imageA = smallImage(2_000, 12);
        FlashImage imageB = smallImage(2_500, 13);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<FlashResult> a = pool.submit(() -> flash(SERIAL_A, sectorErase(), imageA));
            Future<FlashResult> b = pool.submit(() -> flash(SERIAL_B, sectorErase(), imageB));
            FlashResult resultA = a.get();
            FlashResult resultB = b.get();

            assertThat(resultA.outcome()).as(resultA.message()).isEqualTo(FlashOutcome.PASS);
            assertThat(resultB.outcome()).as(resultB.message()).isEqualTo(FlashOutcome.PASS);
            assertThat(resultA.uid()).contains(first.uidHex());
            assertThat(resultB.uid()).contains(second.uidHex());
        } finally {
            pool.shutdownNow();
        }
        assertThat(flashRange(first, SectorLayout.FLASH_BASE, 2_000)).isEqualTo(imageA.segments().get(0).bytes());
        assertThat(flashRange(second, SectorLayout.FLASH_BASE, 2_500)).isEqualTo(imageB.segments().get(0).bytes());
    }
}
