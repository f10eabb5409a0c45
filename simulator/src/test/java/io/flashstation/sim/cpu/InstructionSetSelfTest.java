package io.flashstation.sim.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.core.CoreState;
import io.flashstation.sim.core.DebugControlBlock;
import org.junit.jupiter.api.Test;

/**
 * Runs src/main/thumb/isa-selftest.S on a virtual board: 116 checks of data processing with flags, shifts,
 * multiply/divide, bit-field ops, loads and stores of every size and addressing mode, LDM/STM/PUSH/POP,
 * LDRD/STRD, exclusives, CBZ/CBNZ/BL/BLX/TBB/TBH, IT blocks and special registers, each against the value the
 * ARMv7-M ARM (DDI 0403 A7) pseudocode gives, worked out by hand in the source.
 */
class InstructionSetSelfTest {

    /** 116 check ids; five of them (100, 101, 103–105) are branch checks that only report when they fail. */
    private static final int CHECKS = 111;

    @Test
    void everyCheckOfTheSelfTestPasses() {
        CoreBench bench = new CoreBench();
        bench.loadAndPoint(CoreBench.program("isa-selftest"));

        bench.resume();
        bench.run(1_000_000); // 1 ms at 16 MHz: far more than the few thousand cycles the test takes

        assertThat(bench.halted()).as("the self-test ended on its BKPT").isTrue();
        assertThat(bench.readWord(CoreBench.DFSR) & DebugControlBlock.DFSR_BKPT).isNotZero();
        int failures = bench.register(0);
        int firstFailure = bench.register(1);
        assertThat(firstFailure).as("first failing check (%d failures)", failures).isZero();
        assertThat(failures).isZero();
        assertThat(bench.register(2)).as("checks run").isEqualTo(CHECKS);
        assertThat(bench.register(CoreState.PC) & 1).isZero();
    }
}
