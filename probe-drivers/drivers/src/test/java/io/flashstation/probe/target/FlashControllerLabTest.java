package io.flashstation.probe.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.arm.AccessSize;
import io.flashstation.probe.arm.CortexM;
import io.flashstation.probe.arm.DebugPort;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.probe.lab.LabBench;
import io.flashstation.probe.target.FlashOperationException.Kind;
import io.flashstation.sim.board.VirtualBoard;
import org.junit.jupiter.api.Test;

/** The flash interface's error flags as the controller reports them, against a virtual F411. */
class FlashControllerLabTest {

    private static Stm32F4 connect(LabBench bench) throws Exception {
        bench.probe().connect();
        DebugPort dp = new DebugPort(bench.probe());
        dp.powerUp();
        MemAp mem = MemAp.cortexM4(dp);
        new CortexM(mem).resetAndHalt();
        return new Stm32F4(mem);
    }

    @Test
    void aWriteWiderThanPsizeIsAProgramFailureNamingPgperr() throws Exception {
        // stm32f411-target.md §8: access width ≠ PSIZE → PGPERR, nothing written
        VirtualBoard board = LabBench.f411();
        try (LabBench bench = LabBench.with(board)) {
            Stm32F4 chip = connect(bench);
            FlashController flash = chip.flash();
            flash.unlock();
            flash.eraseSector(SectorLayout.forFlashSize(512).sectors().get(0), Psize.X32);
            flash.startProgramming(Psize.X16);
            assertThatThrownBy(() -> flash.programBlock(AccessSize.WORD, SectorLayout.FLASH_BASE,
                    new int[] {0x1234_5678}, 0, 1))
                    .isInstanceOfSatisfying(FlashOperationException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.PROGRAM_FAILED);
                        assertThat(e.getMessage()).contains("PGPERR");
                    });
            flash.lock();
            assertThat(board.chip().flashImage()[0]).isEqualTo((byte) 0xFF);
            // the flags were cleared, so the next operation starts clean (§6.2: write 1 to clear)
            assertThat(flash.readStatus() & FlashController.SR_ERRORS).isZero();
        }
    }

    @Test
    void erasingAWriteProtectedSectorIsReportedAsWriteProtection() throws Exception {
        // stm32f411-target.md §7.3: a protected sector refuses erase with WRPERR
        VirtualBoard board = LabBench.f411();
        byte[] options = board.chip().optionBytes();
        options[8] &= (byte) ~(1 << 1);
        board.chip().loadOptionBytes(options);
        try (LabBench bench = LabBench.with(board)) {
            FlashController flash = connect(bench).flash();
            flash.unlock();
            Sector sector1 = SectorLayout.forFlashSize(512).sectors().get(1);
            assertThatThrownBy(() -> flash.eraseSector(sector1, Psize.X32))
                    .isInstanceOfSatisfying(FlashOperationException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.WRITE_PROTECTED);
                        assertThat(e.getMessage()).contains("WRPERR", "sector 1");
                    });
            flash.lock();
        }
    }

    @Test
    void unlockingTwiceSendsNoKeysToAnUnlockedController() throws Exception {
        // stm32f411-target.md §6.3: keys written while unlocked are an error, so unlock checks LOCK first
        try (LabBench bench = LabBench.with(LabBench.f411())) {
            FlashController flash = connect(bench).flash();
            flash.unlock();
            flash.unlock();
            flash.startProgramming(Psize.X32);
            flash.lock();
            assertThat(flash.readStatus() & FlashController.SR_ERRORS).isZero();
        }
    }
}
