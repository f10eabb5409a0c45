package io.flashstation.probe.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.lab.LabBench;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.core.RunState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** DebugPort, MemAp and CortexM driven through the CMSIS-DAP driver against a virtual F411. */
class ArmLabTest {

    private static final int SRAM = 0x2000_0000;

    private static MemAp connect(LabBench bench) throws Exception {
        bench.probe().connect();
        DebugPort dp = new DebugPort(bench.probe());
        dp.powerUp();
        return MemAp.cortexM4(dp);
    }

    @Test
    void powerUpLeavesBothAcknowledgesSet() throws Exception {
        // adiv5-swd-jtag.md §4.4: CDBGPWRUPACK and CSYSPWRUPACK follow the requests
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            DebugPort dp = connect(bench).debugPort();
            assertThat(dp.readCtrlStat() & DebugPort.POWER_ACKS).isEqualTo(DebugPort.POWER_ACKS);
        }
    }

    @Test
    void halfWordReadOfFlashSizeUsesTheUpperLanes() throws Exception {
        // stm32f411-target.md §4: F_SIZE is the half-word at 0x1FFF7A22 = 512 on an F411CE
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            MemAp mem = connect(bench);
            assertThat(mem.read(AccessSize.HALFWORD, 0x1FFF_7A22)).isEqualTo(512);
        }
    }

    @Test
    void subWordWritesLandOnTheirBytes() throws Exception {
        // adiv5-swd-jtag.md §6.3: sub-word data on the byte lanes of its address
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            MemAp mem = connect(bench);
            mem.writeWord(SRAM, 0);
            mem.write(AccessSize.BYTE, SRAM + 1, 0xAB);
            mem.write(AccessSize.HALFWORD, SRAM + 2, 0x1234);
            assertThat(mem.readWord(SRAM)).isEqualTo(0x1234_AB00);
            assertThat(mem.read(AccessSize.BYTE, SRAM + 3)).isEqualTo(0x12);
        }
    }

    @Test
    void cachedCswAndTarMakeASequentialReadCheaper() throws Exception {
        // adiv5-swd-jtag.md §6.2/§6.3: CSW stays as written and TAR auto-increments after each DRW access
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            MemAp mem = connect(bench);
            long start = bench.probe().counters().swdTransfers();
            mem.readWord(SRAM + 0x100);
            long first = bench.probe().counters().swdTransfers() - start;
            mem.readWord(SRAM + 0x104);
            long sequential = bench.probe().counters().swdTransfers() - start - first;
            mem.readWord(SRAM + 0x200);
            long elsewhere = bench.probe().counters().swdTransfers() - start - first - sequential;
            assertThat(sequential).isLessThan(first);
            assertThat(elsewhere).isEqualTo(sequential + 1);
        }
    }

    @Test
    void blockTransfersCrossFourKibBoundariesIntact() throws Exception {
        // adiv5-swd-jtag.md §6.3: TAR wraps within 4 KiB, so a new TAR starts each block
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            MemAp mem = connect(bench);
            int[] words = new int[3000];
            for (int i = 0; i < words.length; i++) {
                words[i] = 0x5A00_0000 + i * 7;
            }
            mem.writeWords(SRAM + 0xFF0, words, 0, words.length);
            int[] back = new int[words.length];
            mem.readWords(SRAM + 0xFF0, back, 0, back.length);
            assertThat(back).isEqualTo(words);
            assertThat(mem.readWord(SRAM + 0x1000)).isEqualTo(words[4]);
        }
    }

    @Test
    void aBusErrorIsReportedAndTheDebugPortRecovers() throws Exception {
        // adiv5-swd-jtag.md §5: an AHB error sets STICKYERR; ABORT.STKERRCLR clears it
        VirtualBoard board = LabBench.f411();
        try (LabBench bench = LabBench.with(board)) {
            MemAp mem = connect(bench);
            mem.writeWord(SRAM, 0x1122_3344);
            board.faults().busErrors(1);
            assertThatThrownBy(() -> mem.readWord(SRAM)).isInstanceOfSatisfying(MemoryFaultException.class,
                    e -> assertThat(e.address()).isEqualTo(SRAM));
            assertThat(mem.debugPort().readCtrlStat() & DebugPort.STICKY_MASK).isZero();
            assertThat(mem.readWord(SRAM)).isEqualTo(0x1122_3344);
        }
    }

    @Test
    void aWaitThatOutlastsTheProbesRetriesIsAbortedAndTheApStaysUsable() throws Exception {
        // adiv5-swd-jtag.md §5 "Stuck WAIT": ABORT.DAPABORT, then the DP answers again
        VirtualBoard board = LabBench.f411();
        try (LabBench bench = LabBench.with(board)) {
            MemAp mem = connect(bench);
            mem.writeWord(SRAM, 0x0BAD_F00D);
            board.faults().waitStorm(1, 1_000_000);
            assertThatThrownBy(() -> mem.readWord(SRAM)).isInstanceOfSatisfying(SwdTransferException.class,
                    e -> assertThat(e.failure()).isEqualTo(SwdTransferException.Failure.WAIT));
            board.faults().clear();
            assertThat(mem.readWord(SRAM)).isEqualTo(0x0BAD_F00D);
        }
    }

    @Test
    void unmappedMemoryFaults() throws Exception {
        // stm32f411-target.md §2: no FSMC on F411, so 0x60000000 is a bus error
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            MemAp mem = connect(bench);
            assertThatThrownBy(() -> mem.readWord(0x6000_0000)).isInstanceOf(MemoryFaultException.class);
            assertThat(mem.readWord(0xE004_2000) & 0xFFF).isEqualTo(0x431);
        }
    }

    @Test
    void resetAndHaltStopsAtTheResetVectorAndCoreRegistersAreReachable() throws Exception {
        // stm32f411-target.md §10, §12.2: VC_CORERESET halts at the reset vector; DCRSR/DCRDR transfers
        VirtualBoard board = LabBench.f411();
        byte[] flash = new byte[512 * 1024];
        Arrays.fill(flash, (byte) 0xFF);
        ByteBuffer.wrap(flash).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x2002_0000).putInt(4, 0x0800_0199);
        board.chip().loadFlashImage(flash);
        try (LabBench bench = LabBench.with(board)) {
            CortexM core = new CortexM(connect(bench));
            core.resetAndHalt();
            assertThat(board.debugBlock().core().runState()).isEqualTo(RunState.HALTED);
            assertThat(core.readCoreRegister(CortexM.REG_PC)).isEqualTo(0x0800_0198);
            assertThat(core.readCoreRegister(CortexM.REG_MSP)).isEqualTo(0x2002_0000);
            core.writeCoreRegister(0, 0xDEAD_BEEF);
            assertThat(core.readCoreRegister(0)).isEqualTo(0xDEAD_BEEF);
            core.resetAndRun();
            assertThat(board.debugBlock().core().runState()).isEqualTo(RunState.RUNNING);
            assertThat(core.isHalted()).isFalse();
        }
    }

    @Test
    void haltStopsARunningCore() throws Exception {
        // stm32f411-target.md §10: DHCSR C_DEBUGEN|C_HALT with the 0xA05F key
        VirtualBoard board = LabBench.f411();
        byte[] flash = new byte[512 * 1024];
        ByteBuffer.wrap(flash).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x2002_0000).putInt(4, 0x0800_0101);
        board.chip().loadFlashImage(flash);
        try (LabBench bench = LabBench.with(board)) {
            CortexM core = new CortexM(connect(bench));
            core.resetAndRun();
            assertThat(core.isHalted()).isFalse();
            core.halt();
            assertThat(core.isHalted()).isTrue();
        }
    }
}
