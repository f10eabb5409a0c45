package io.flashstation.probe.arm;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.ProbeDriver;
import io.flashstation.probe.cmsisdap.CmsisDapDriver;
import io.flashstation.probe.jlink.JlinkDriver;
import io.flashstation.probe.lab.LabBench;
import io.flashstation.probe.stlink.StlinkDriver;
import io.flashstation.sim.cmsisdap.CmsisDapBulkDevice;
import io.flashstation.sim.cmsisdap.CmsisDapHidDevice;
import io.flashstation.sim.jlink.JLinkProfile;
import io.flashstation.sim.jlink.VirtualJLink;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.usb.HostClock;
import java.io.InputStream;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A tiny program (the lab's counting-loop.S, built from source in the simulator module) halted, stepped and resumed
 * on a virtual board through every probe family's driver (stm32f411-target.md §10; TIMING.md §1 for its speed).
 */
class CoreRunControlLabTest {

    private static final int SRAM = 0x2000_0000;
    private static final int LOOP = SRAM + 4;       // adds r0, r0, #1
    private static final int LOOP_WIDE = SRAM + 6;  // add.w r1, r1, #0x100
    private static final long RUN_NANOS = 1_000_000;
    /** Three one-cycle instructions per iteration at the 16 MHz the core starts on. */
    private static final double ITERATIONS_PER_NANO = 16e6 / 3 / 1e9;

    private static void haltStepAndResume(Function<Fixture, VirtualUsbDevice> probeMaker, ProbeDriver driver)
            throws Exception {
        try (LabBench bench = LabBench.of(probeMaker, driver, LabBench.f411())) {
            bench.probe().connect();
            DebugPort dp = new DebugPort(bench.probe());
            dp.powerUp();
            MemAp mem = MemAp.cortexM4(dp);
            CortexM core = new CortexM(mem);
            core.halt();
            int[] program = words(program("counting-loop"));
            mem.writeWords(SRAM, program, 0, program.length);
            core.writeCoreRegister(CortexM.REG_PC, SRAM);
            core.writeCoreRegister(CortexM.REG_XPSR, 1 << 24);

            core.step();
            core.step();
            assertThat(core.readCoreRegister(CortexM.REG_PC)).isEqualTo(LOOP);
            core.step();
            assertThat(core.readCoreRegister(0)).isEqualTo(1);
            assertThat(core.readCoreRegister(CortexM.REG_PC)).isEqualTo(LOOP_WIDE);
            core.step();
            assertThat(core.readCoreRegister(1)).isEqualTo(0x100);

            HostClock clock = mem.debugPort().clock();
            long resumed = clock.nanos();
            core.resume();
            HostWaits.sleep(clock, RUN_NANOS);
            assertThat(core.isHalted()).isFalse();
            core.halt();
            long ran = clock.nanos() - resumed;
            int count = core.readCoreRegister(0);
            // it ran at least the millisecond slept, and no longer than the host's whole span from resume to halt
            assertThat(count).isBetween((int) (RUN_NANOS * ITERATIONS_PER_NANO),
                    (int) (ran * ITERATIONS_PER_NANO) + 2);
            int pc = core.readCoreRegister(CortexM.REG_PC);
            assertThat(pc).isBetween(LOOP, LOOP_WIDE + 4);

            core.resume();
            HostWaits.sleep(clock, RUN_NANOS);
            core.halt();
            assertThat(core.readCoreRegister(0)).as("resumed where it halted").isGreaterThan(count + 5_000);
        }
    }

    private static byte[] program(String name) throws Exception {
        try (InputStream in = CoreRunControlLabTest.class.getResourceAsStream("/io/flashstation/sim/programs/"
                + name + ".bin")) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static int[] words(byte[] bytes) {
        int[] words = new int[(bytes.length + 3) / 4];
        for (int i = 0; i < bytes.length; i++) {
            words[i / 4] |= (bytes[i] & 0xFF) << (8 * (i % 4));
        }
        return words;
    }

    @Test
    void throughCmsisDapV2() throws Exception {
        haltStepAndResume(fixture -> CmsisDapBulkDevice.nanoDapHs(1, fixture), new CmsisDapDriver());
    }

    @Test
    void throughCmsisDapV1() throws Exception {
        haltStepAndResume(fixture -> CmsisDapHidDevice.daplink(1, fixture), new CmsisDapDriver());
    }

    @Test
    void throughStlink() throws Exception {
        haltStepAndResume(fixture -> new VirtualStlink(StlinkModel.V2, "0668FF505271754867183630", fixture),
                new StlinkDriver());
    }

    @Test
    void throughJlink() throws Exception {
        haltStepAndResume(fixture -> new VirtualJLink(JLinkProfile.armObStm32Clone(), fixture), new JlinkDriver());
    }
}
