package io.flashstation.probe.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.lab.LabBench;
import io.flashstation.probe.stlink.StlinkDriver;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.VirtualStlink;
import org.junit.jupiter.api.Test;

/** The MEM-AP over an ST-Link: words through the firmware's memory commands, sub-words through DRW. */
class MemApOverMemoryPortLabTest {

    private static final int SRAM = 0x2000_0000;

    @Test
    void subWordAccessesStayCorrectAroundFirmwareMemoryCommands() throws Exception {
        // adiv5-swd-jtag.md §6.2: the firmware's own CSW writes must not leave a stale cached CSW behind
        try (LabBench bench = LabBench.of(fixture -> new VirtualStlink(StlinkModel.V3, "0668FF505271754867183630",
                fixture), new StlinkDriver(), LabBench.f411())) {
            bench.probe().connect();
            DebugPort dp = new DebugPort(bench.probe());
            dp.powerUp();
            MemAp mem = MemAp.cortexM4(dp);
            assertThat(mem.read(AccessSize.HALFWORD, 0x1FFF_7A22)).isEqualTo(512);
            int[] words = {0x0102_0304, 0x0506_0708, 0x090A_0B0C};
            mem.writeWords(SRAM, words, 0, words.length);
            assertThat(mem.read(AccessSize.HALFWORD, SRAM + 6)).isEqualTo(0x0506);
            mem.write(AccessSize.BYTE, SRAM + 9, 0xEE);
            int[] back = new int[3];
            mem.readWords(SRAM, back, 0, 3);
            assertThat(back).containsExactly(0x0102_0304, 0x0506_0708, 0x090A_EE0C);
        }
    }
}
