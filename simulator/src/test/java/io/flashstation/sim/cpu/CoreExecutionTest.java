package io.flashstation.sim.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.core.CoreExecution;
import io.flashstation.sim.core.CoreState;
import io.flashstation.sim.core.DebugControlBlock;
import io.flashstation.sim.core.RunState;
import io.flashstation.sim.target.AccessSize;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The executing core as a debugger meets it: time (TIMING.md §1), halting, stepping, breakpoints, faults and
 * sleep (stm32f411-target.md §10, DDI 0403 B1.5 and C1), with the programs in src/main/thumb.
 */
class CoreExecutionTest {

    private static final int LOOP = CoreBench.SRAM + 4;      // counting-loop.S: adds r0 (16-bit)
    private static final int LOOP_WIDE = CoreBench.SRAM + 6; // add.w r1 (32-bit)
    private static final int FP_CTRL = 0xE000_2000;
    private static final int FP_COMP0 = 0xE000_2008;
    private static final int CFSR = 0xE000_ED28;

    private final CoreBench bench = new CoreBench();

    // TIMING.md §1: one cycle per instruction at 16 MHz after reset; the loop is three instructions
    @Test
    void theCoreExecutesAsManyInstructionsAsVirtualTimeAllows() {
        bench.loadAndPoint(CoreBench.program("counting-loop"));
        bench.resume();

        bench.run(1_000_000); // 1 ms = 16,000 cycles
        bench.halt();

        int iterations = bench.register(0);
        assertThat(iterations).isBetween(16_000 / 3 - 1, 16_000 / 3 + 1);
        int pendingWide = bench.register(CoreState.PC) == LOOP_WIDE ? 0x100 : 0; // halted between the two adds
        assertThat(bench.register(1)).isEqualTo(iterations * 0x100 - pendingWide);
    }

    // a branch to itself (B .) only lets time pass: the core idles through ten virtual seconds in one catch-up
    @Test
    void aBranchToItselfIdlesUntilTheDebuggerLooks() {
        bench.loadAndPoint(new byte[] {0x01, 0x20, (byte) 0xFE, (byte) 0xE7}); // movs r0, #1; b .
        bench.resume();

        bench.run(10_000_000_000L);

        assertThat(bench.halted()).isFalse();
        assertThat(bench.core().execution().nanos()).isEqualTo(bench.now());
        bench.halt();
        assertThat(bench.register(0)).isEqualTo(1);
        assertThat(bench.register(CoreState.PC)).isEqualTo(CoreBench.SRAM + 2);
    }

    // the lab's safety limit: one catch-up executes at most MAX_INSTRUCTIONS_PER_CATCH_UP, then idles to the present
    @Test
    void oneCatchUpExecutesABoundedNumberOfInstructions() {
        bench.loadAndPoint(CoreBench.program("counting-loop"));
        bench.resume();

        bench.run(10_000_000_000L); // 160 million cycles at 16 MHz

        bench.halt();
        long executed = 3L * bench.register(0);
        assertThat(executed).isBetween(CoreExecution.MAX_INSTRUCTIONS_PER_CATCH_UP - 3,
                CoreExecution.MAX_INSTRUCTIONS_PER_CATCH_UP + 3);
        assertThat(bench.core().execution().nanos()).isEqualTo(bench.now());
    }

    // stm32f411-target.md §12.2 step 7: OpenOCD's reset-init selects the PLL (HSI / 8 × 128 / 4 = 64 MHz)
    @Test
    void theResetInitClockSettingsMakeTheCoreFourTimesFaster() {
        bench.writeWord(0x4002_3804, 0x0801_2008); // RCC_PLLCFGR
        bench.writeWord(0x4002_3C00, 0x0000_0102); // FLASH_ACR
        bench.writeWord(0x4002_3800, bench.readWord(0x4002_3800) | 0x0100_0000); // PLLON
        bench.writeWord(0x4002_3808, bench.readWord(0x4002_3808) | 0x1000);
        bench.writeWord(0x4002_3808, bench.readWord(0x4002_3808) | 0x2); // SW = PLL
        assertThat(bench.readWord(0x4002_3808) & 0xC).as("SWS reports the PLL").isEqualTo(0x8);
        assertThat(bench.readWord(0x4002_3800) & 0x0200_0000).as("PLLRDY").isNotZero();
        bench.loadAndPoint(CoreBench.program("counting-loop"));
        bench.resume();

        bench.run(1_000_000);
        bench.halt();

        assertThat(bench.register(0)).isBetween(64_000 / 3 - 1, 64_000 / 3 + 1);
    }

    // §10: C_HALT stops the core in Debug state with DFSR.HALTED; resuming continues where it stopped
    @Test
    void haltAndResumeKeepTheProgramsState() {
        bench.loadAndPoint(CoreBench.program("counting-loop"));
        bench.resume();
        bench.run(100_000);
        bench.halt();
        int first = bench.register(0);
        assertThat(bench.readWord(CoreBench.DFSR) & DebugControlBlock.DFSR_HALTED).isNotZero();

        bench.run(1_000_000);
        assertThat(bench.register(0)).as("nothing runs while halted").isEqualTo(first);
        bench.resume();
        bench.run(100_000);
        bench.halt();
        assertThat(bench.register(0)).isBetween(2 * first - 1, 2 * first + 1);
    }

    // §10 C_STEP: exactly one instruction, 16-bit or 32-bit, per step; Debug state again with DFSR.HALTED
    @Test
    void singleStepExecutesOneInstructionAtATime() {
        bench.loadAndPoint(CoreBench.program("counting-loop"));
        bench.step();
        bench.step();
        assertThat(bench.register(CoreState.PC)).isEqualTo(LOOP);
        bench.writeWord(CoreBench.DFSR, 0x1F);
        bench.step();
        assertThat(bench.register(CoreState.PC)).isEqualTo(LOOP_WIDE);
        assertThat(bench.register(0)).isEqualTo(1);
        bench.step();
        assertThat(bench.register(CoreState.PC)).isEqualTo(LOOP_WIDE + 4);
        assertThat(bench.register(1)).isEqualTo(0x100);
        bench.step();
        assertThat(bench.register(CoreState.PC)).as("the branch back").isEqualTo(LOOP);
        assertThat(bench.halted()).isTrue();
        assertThat(bench.readWord(CoreBench.DFSR)).isEqualTo(DebugControlBlock.DFSR_HALTED);
    }

    // §10: FPB comparators halt the core before the instruction, with DFSR.BKPT (code region only)
    @Test
    void anFpbBreakpointHaltsBeforeTheInstruction() {
        byte[] flash = new byte[512 * 1024];
        Arrays.fill(flash, (byte) 0xFF);
        byte[] loop = CoreBench.program("counting-loop");
        System.arraycopy(loop, 0, flash, 0, loop.length);
        bench.board.chip().loadFlashImage(flash);
        bench.setRegister(CoreState.PC, 0x0800_0000);
        bench.setRegister(CoreState.XPSR, CoreState.XPSR_THUMB);
        int wide = 0x0800_0006; // upper half-word of its word: REPLACE = 10
        bench.writeWord(FP_COMP0, (wide & 0x1FFF_FFFC) | (2 << 30) | 1);
        bench.writeWord(FP_CTRL, 3);
        bench.writeWord(CoreBench.DFSR, 0x1F);

        bench.resume();
        bench.run(1_000);

        assertThat(bench.halted()).isTrue();
        assertThat(bench.register(CoreState.PC)).isEqualTo(wide);
        assertThat(bench.register(0)).as("the instruction before it ran").isEqualTo(1);
        assertThat(bench.register(1)).as("the breakpointed one did not").isZero();
        assertThat(bench.readWord(CoreBench.DFSR) & DebugControlBlock.DFSR_BKPT).isNotZero();
    }

    // DDI 0403 B1.5.6: HardFault entry stacks the context; UDF escalates (FORCED) with CFSR.UNDEFINSTR
    @Test
    void anUndefinedInstructionEntersTheHardFaultHandler() {
        runExceptionsScenario(0);

        assertThat(bench.halted()).isTrue();
        assertThat(bench.register(0)).as("CFSR").isEqualTo(FaultKind.UNDEFINED_INSTRUCTION.cfsrBit());
        assertThat(bench.register(1)).as("HFSR").isEqualTo(1 << 30);
        assertThat(bench.register(3)).as("EXC_RETURN: Thread mode, main stack").isEqualTo(0xFFFF_FFF9);
        assertThat(bench.register(4)).as("IPSR").isEqualTo(3);
        int udf = bench.register(2);
        assertThat(bench.board.chip().read(udf, AccessSize.HALFWORD).data()).as("stacked PC is the UDF")
                .isEqualTo(0xDE00);
        assertThat(bench.register(CoreState.SP)).isEqualTo(CoreBench.STACK_TOP - 0x20);
    }

    // B1.5.6/B1.5.8: SVC stacks the return address, BX LR with EXC_RETURN unstacks it
    @Test
    void aSupervisorCallReturnsToThreadMode() {
        runExceptionsScenario(1);

        assertThat(bench.halted()).isTrue();
        assertThat(bench.register(5)).isEqualTo(0x55);
        assertThat(bench.register(4)).as("IPSR after the return").isZero();
        assertThat(bench.register(CoreState.SP)).isEqualTo(CoreBench.STACK_TOP);
        assertThat(bench.board.chip().read(bench.register(CoreState.PC), AccessSize.HALFWORD).data())
                .isEqualTo(0xBE03);
    }

    // B3.2.15/B3.2.18: a load from an unmapped address is a precise BusFault with BFAR
    @Test
    void aBusErrorRecordsItsAddress() {
        runExceptionsScenario(2);

        assertThat(bench.register(0)).as("CFSR: PRECISERR, BFARVALID").isEqualTo((1 << 9) | (1 << 15));
        assertThat(bench.register(5)).as("BFAR").isEqualTo(0x6000_0000);
    }

    // B1.5.15 and §10: a fault inside the HardFault handler locks the core up; S_LOCKUP, PC 0xFFFFFFFE
    @Test
    void aFaultInTheHardFaultHandlerLocksUp() {
        runExceptionsScenario(3);

        assertThat(bench.core().core().runState()).isEqualTo(RunState.LOCKUP);
        assertThat(bench.readWord(CoreBench.DHCSR) & DebugControlBlock.S_LOCKUP).isNotZero();
        bench.halt();
        assertThat(bench.register(CoreState.PC)).isEqualTo(CoreExecution.LOCKUP_PC);
        assertThat(bench.readWord(CoreBench.DHCSR) & DebugControlBlock.S_LOCKUP).isZero();
    }

    // §12.2 step 3: DEMCR.VC_HARDERR (set by OpenOCD's reset halt) halts on HardFault entry with DFSR.VCATCH
    @Test
    void vectorCatchHaltsOnHardFaultEntry() {
        bench.writeWord(CoreBench.DEMCR, 0x0100_0400);
        runExceptionsScenario(0);

        assertThat(bench.halted()).isTrue();
        assertThat(bench.readWord(CoreBench.DFSR) & DebugControlBlock.DFSR_VCATCH).isNotZero();
        assertThat(bench.register(CoreState.XPSR) & 0x1FF).as("halted at the handler's first instruction")
                .isEqualTo(3);
    }

    // C1.4: with C_DEBUGEN clear a BKPT cannot halt; it escalates to HardFault with HFSR.DEBUGEVT
    @Test
    void aBreakpointWithoutHaltingDebugIsAHardFault() {
        bench.loadAndPoint(CoreBench.program("counting-loop"));
        bench.load(CoreBench.SRAM, new byte[] {0x00, (byte) 0xBE}); // BKPT #0 where MOVS r0 was
        bench.writeWord(CoreBench.DHCSR, CoreBench.KEY); // C_DEBUGEN off: the core runs

        bench.run(10_000);

        assertThat(bench.readWord(0xE000_ED2C) & (1 << 31)).as("HFSR.DEBUGEVT").isNotZero();
        assertThat(bench.core().core().runState()).as("the erased HardFault vector locks up")
                .isEqualTo(RunState.LOCKUP);
    }

    // §10 S_SLEEP: WFI with no interrupt source sleeps until the debugger halts the core
    @Test
    void waitForInterruptSleepsUntilHalted() {
        runExceptionsScenario(4);

        assertThat(bench.halted()).isFalse();
        assertThat(bench.readWord(CoreBench.DHCSR) & DebugControlBlock.S_SLEEP).isNotZero();
        bench.halt();
        assertThat(bench.readWord(CoreBench.DHCSR) & DebugControlBlock.S_SLEEP).isZero();
        assertThat(bench.board.chip().read(bench.register(CoreState.PC), AccessSize.HALFWORD).data())
                .as("the PC is past the WFI").isEqualTo(0xBE04);
    }

    // §12.2: a SYSRESETREQ written by code resets the core; with VC_CORERESET it halts at the reset vector
    @Test
    void codeThatRequestsASystemResetResetsTheCore() {
        bench.writeWord(CoreBench.DEMCR, 0x0100_0001);
        runExceptionsScenario(5);

        assertThat(bench.halted()).isTrue();
        assertThat(bench.readWord(CoreBench.DFSR) & DebugControlBlock.DFSR_VCATCH).isNotZero();
        assertThat(bench.register(CoreState.PC)).as("the erased flash's reset vector").isEqualTo(0xFFFF_FFFE);
    }

    // stm32f411-target.md §6/§8 and TIMING.md §1: code programs flash through the same controller as the debugger,
    // and a host looking while the core runs sees the operation in progress
    @Test
    void codeProgramsFlashWhileTheDebuggerWatches() {
        bench.loadAndPoint(CoreBench.program("flash-word"));
        bench.resume();

        bench.run(5_000); // the 16 µs program operation started after about 1 µs of code
        assertThat(bench.halted()).isFalse();
        assertThat(bench.readWord(0x4002_3C0C) & 0x1_0000).as("FLASH_SR.BSY").isNotZero();
        bench.run(20_000);

        assertThat(bench.halted()).isTrue();
        assertThat(bench.register(2)).as("FLASH_SR when the loop saw BSY clear").isZero();
        assertThat(bench.readWord(0x0800_4000)).isEqualTo(0x1234_5678);
        assertThat(bench.board.chip().stats().bytesProgrammed()).isEqualTo(4);
    }

    private void runExceptionsScenario(int scenario) {
        bench.loadVectoredAndPoint(CoreBench.program("exceptions"));
        bench.setRegister(7, scenario);
        bench.writeWord(CoreBench.DFSR, 0x1F);
        bench.writeWord(CFSR, -1);
        bench.resume();
        bench.run(100_000);
    }
}
