package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.arm.AccessSize;
import io.flashstation.probe.arm.CortexM;
import io.flashstation.probe.arm.DebugPort;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.probe.lab.LabBench;
import io.flashstation.probe.lab.TestImages;
import io.flashstation.sim.board.VirtualBoard;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our double-buffered loader and CRC routine on a virtual board's executing core (issue 11). */
class FlashLoaderLabTest {

    private static Stm32F4 connect(LabBench bench) throws Exception {
        bench.probe().connect();
        DebugPort dp = new DebugPort(bench.probe());
        dp.powerUp();
        MemAp mem = MemAp.cortexM4(dp);
        new CortexM(mem).resetAndHalt();
        return new Stm32F4(mem);
    }

    // stm32f411-target.md §8: words stream through both buffers, in order, into erased flash
    @Test
    void programsRunsLargerThanBothBuffersInOrder() throws Exception {
        VirtualBoard board = LabBench.f411();
        byte[] image = TestImages.codeLike(3 * FlashLoader.BUFFER_BYTES + 1_000, 21);
        try (LabBench bench = LabBench.with(board)) {
            Stm32F4 chip = connect(bench);
            ProgramPlan plan = ProgramPlan.of(List.of(new ImageSegment(0x0800_4000, image)), AccessSize.WORD);
            new FlashLoader(chip).program(plan, Psize.X32, ByteProgress.NONE);
            assertThat(new CortexM(chip.memory()).isHalted()).as("the loader stopped on its breakpoint").isTrue();
        }
        assertThat(Arrays.copyOfRange(board.chip().flashImage(), 0x4000, 0x4000 + image.length)).isEqualTo(image);
        assertThat(board.chip().read(0x4002_3C10, io.flashstation.sim.target.AccessSize.WORD).data())
                .as("FLASH_CR locked again").isEqualTo(0x8000_0000);
    }

    // §6.2/§7.3: the loader reports the controller's WRPERR and the host names the block
    @Test
    void aWriteProtectedSectorFailsTheBlockTheLoaderWasProgramming() throws Exception {
        VirtualBoard board = LabBench.f411();
        byte[] options = board.chip().optionBytes();
        options[8] &= (byte) ~(1 << 1);
        board.chip().loadOptionBytes(options);
        try (LabBench bench = LabBench.with(board)) {
            Stm32F4 chip = connect(bench);
            ProgramPlan plan = ProgramPlan.of(List.of(new ImageSegment(0x0800_4000, TestImages.codeLike(4_000, 22))),
                    AccessSize.WORD);
            assertThatThrownBy(() -> new FlashLoader(chip).program(plan, Psize.X32, ByteProgress.NONE))
                    .isInstanceOfSatisfying(FlashOperationException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FlashOperationException.Kind.WRITE_PROTECTED);
                        // codeLike leaves every 16th word erased, word 0 too: the first block starts one word in
                        assertThat(e.address()).hasValue(0x0800_4004);
                        assertThat(e.getMessage()).contains("WRPERR");
                    });
        }
    }

    // the loader writes words only: at x16 the host programs instead
    @Test
    void refusesHalfWordParallelism() throws Exception {
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            Stm32F4 chip = connect(bench);
            ProgramPlan plan = ProgramPlan.of(List.of(new ImageSegment(0x0800_0000, new byte[64])),
                    AccessSize.HALFWORD);
            assertThatThrownBy(() -> new FlashLoader(chip).program(plan, Psize.X16, ByteProgress.NONE))
                    .isInstanceOf(RoutineUnavailableException.class).hasMessageContaining("x32");
        }
    }

    // a routine that faults never reaches its breakpoint (here: a bus error, then a HardFault through the erased
    // vector table, then lockup); the caller is told it could not run and the core is halted again
    @Test
    void aRoutineThatFaultsIsReportedUnavailable() throws Exception {
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            Stm32F4 chip = connect(bench);
            assertThatThrownBy(() -> new OnTargetCrc(chip.memory()).crcOf(0x6000_0000, 16))
                    .isInstanceOf(RoutineUnavailableException.class).hasMessageContaining("did not finish");
            assertThat(new CortexM(chip.memory()).isHalted()).isTrue();
        }
    }

    // the routine's CRC equals the host's CRC-32/MPEG-2 of the same bytes
    @Test
    void theCoresCrcMatchesTheHosts() throws Exception {
        VirtualBoard board = LabBench.f411();
        byte[] content = TestImages.codeLike(5_555, 23);
        byte[] flash = board.chip().flashImage();
        System.arraycopy(content, 0, flash, 0x100, content.length);
        board.chip().loadFlashImage(flash);
        int expected = Crc32Mpeg2.INITIAL;
        for (byte b : content) {
            expected = Crc32Mpeg2.update(expected, b & 0xFF);
        }
        try (LabBench bench = LabBench.with(board)) {
            Stm32F4 chip = connect(bench);
            assertThat(new OnTargetCrc(chip.memory()).crcOf(0x0800_0100, content.length)).isEqualTo(expected);
        }
    }
}
