package io.flashstation.sim.cmsisdap;

import static io.flashstation.sim.debug.SwdAck.FAULT;
import static io.flashstation.sim.debug.SwdAck.OK;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** DAP_TransferBlock as the reference firmware runs it (cmsis-dap.md §7.5, §14). */
class DapTransferBlockTest {

    private final ScriptedTarget target = new ScriptedTarget();
    private final ProbeBench bench = ProbeBench.connectedTo(target);

    @Test
    void readsABlockFromDrwWithOnePostAndAFinalRdbuff() {
        // cmsis-dap.md §14 "Block read 4 words from DRW: 06 00 04 00 0F -> 06 04 00 01 + 16 data bytes"
        for (int i = 0; i < 4; i++) {
            target.memory.put(0x20000000 + 4 * i, 0x01010101 * (i + 1));
        }
        bench.exchange("05 00 02 01 12 00 00 23 05 00 00 00 20");
        target.log.clear();
        assertThat(bench.exchange("06 00 04 00 0F"))
                .isEqualTo("06 04 00 01 01 01 01 01 02 02 02 02 03 03 03 03 04 04 04 04");
        assertThat(target.log).containsExactly("AP R c", "AP R c", "AP R c", "AP R c", "DP R c");
    }

    @Test
    void writesABlockAndChecksTheLastWrite() {
        // cmsis-dap.md §7.5: Count writes + 1 RDBUFF check read
        bench.exchange("05 00 02 01 12 00 00 23 05 00 00 00 20");
        target.log.clear();
        assertThat(bench.exchange("06 00 02 00 0D 44 33 22 11 88 77 66 55")).isEqualTo("06 02 00 01");
        assertThat(target.memory).containsEntry(0x20000000, 0x11223344).containsEntry(0x20000004, 0x55667788);
        assertThat(target.log).containsExactly("AP W c 11223344", "AP W c 55667788", "DP R c");
    }

    @Test
    void aDpBlockReadIsNotPosted() {
        // cmsis-dap.md §7.5: only AP blocks are posted
        assertThat(bench.exchange("06 00 02 00 02")).isEqualTo("06 02 00 01 77 14 A0 2B 77 14 A0 2B");
        assertThat(target.log).containsExactly("DP R 0", "DP R 0");
    }

    @Test
    void aFaultStopsTheBlockWithTheWordsDoneSoFar() {
        // cmsis-dap.md §7.5: stops at the first error; Count = words completed
        target.script(OK, OK, FAULT);
        assertThat(bench.exchange("06 00 03 00 0D 01 00 00 00 02 00 00 00 03 00 00 00")).isEqualTo("06 02 00 04");
        assertThat(target.log).hasSize(3);
    }

    @Test
    void aZeroCountDoesNothing() {
        // cmsis-dap.md §7.5: Count 0 in request -> 06 00 00 00
        assertThat(bench.exchange("06 00 00 00 0F")).isEqualTo("06 00 00 00");
        assertThat(target.log).isEmpty();
    }

    @Test
    void theRequestLengthDependsOnlyOnCountAndDirection() {
        // cmsis-dap.md §7.5: 4 bytes for reads, 4 + 4 x Count for writes, also when the block fails early
        target.script(FAULT);
        assertThat(bench.exchange("7F 02 06 00 02 00 0D 01 00 00 00 02 00 00 00 01 01 01"))
                .isEqualTo("7F 02 06 00 00 04 01 00");
    }
}
