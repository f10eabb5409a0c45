package io.flashstation.sim.target;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static io.flashstation.sim.target.ChipHarness.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Faults the FaultPlan arms on the flash (its Javadoc) and operations cut short (FlashOperation's rule). */
class FlashFaultsTest {

    private static final long MS = 1_000_000L;
    private static final int SECTOR5 = FLASH + 0x2_0000;
    private static final int SECTOR5_BYTES = 128 * 1024;

    private final ChipHarness h = new ChipHarness();

    @Test
    void stuckCellsOverrideWhatFlashReads() {
        // FaultPlan.stuckAtOne / stuckAtZero: the cell reads 1 (0) whatever is programmed (erased)
        h.faults.stuckAtOne(FLASH + 1, 3).stuckAtZero(FLASH + 2, 0);
        h.unlockFlash();
        h.program(FLASH, AccessSize.HALFWORD, 0x0000);
        assertThat(h.read32(FLASH)).isEqualTo(0xFFFE_0800);
        assertThat(h.read(0x0000_0001, AccessSize.BYTE).data()).as("through the boot alias").isEqualTo(0x08);
        assertThat(h.chip.flashImage()[1]).as("the cells themselves hold what was programmed").isZero();
    }

    @Test
    void failingEraseReportsSuccessAndLeavesTheSector() {
        // FaultPlan.failErase: the erase completes without error but the contents stay
        h.unlockFlash();
        h.program(FLASH + 0x4000, AccessSize.WORD, 0);
        h.program(FLASH + 0x8000, AccessSize.WORD, 0);
        h.faults.failErase(1);
        h.eraseSector(1, PSIZE_X32);
        assertThat(h.sr()).isZero();
        assertThat(h.read32(FLASH + 0x4000)).isZero();
        assertThat(h.chip.stats().sectorsErased()).isEqualTo(1);

        h.write32(FLASH_CR, CR_MER | CR_STRT);
        h.waitWhileBusy();
        assertThat(h.read32(FLASH + 0x4000)).as("also inside a mass erase").isZero();
        assertThat(h.read32(FLASH + 0x8000)).isEqualTo(-1);
    }

    @Test
    void brownoutDuringEraseLeavesItsFirstPartErasedAndPowerCycles() {
        // FaultPlan.brownoutDuringNextOperation: partly done, power lost, then a power-on reset
        h.chip.loadFlashImage(new byte[512 * 1024]);
        h.write32(0xE004_2004, 0x7);
        h.faults.brownoutDuringNextOperation(0.5);
        h.unlockFlash();
        long start = h.clock.nanos();
        h.write32(FLASH_CR, CR_SER | 5 << 3 | PSIZE_X32 | CR_STRT);
        assertThat(h.chip.busyUntilNanos()).as("half of 1000 ms").isEqualTo(start + 500 * MS);

        h.clock.advanceTo(start + 499 * MS);
        assertThat(h.sr() & SR_BSY).isNotZero();
        assertThat(h.powerLosses).isZero();
        h.clock.advanceTo(start + 500 * MS);
        assertThat(h.sr()).isZero();
        assertThat(h.powerLosses).isEqualTo(1);
        assertThat(h.read32(FLASH_CR)).as("power-on reset relocked CR").isEqualTo(CR_LOCK);
        assertThat(h.read32(0xE004_2004)).as("and cleared DBGMCU").isZero();

        byte[] image = h.chip.flashImage();
        byte[] sector = Arrays.copyOfRange(image, 0x2_0000, 0x2_0000 + SECTOR5_BYTES);
        assertThat(allEqual(sector, 0, SECTOR5_BYTES / 2, (byte) 0xFF)).isTrue();
        assertThat(allEqual(sector, SECTOR5_BYTES / 2, SECTOR5_BYTES, (byte) 0)).isTrue();
        assertThat(image[0x1_FFFF]).as("sector 4 untouched").isZero();
        assertThat(h.chip.stats().sectorsErased()).isZero();
    }

    @Test
    void flashReadStalledByABrownoutCompletesOnTheRebootedChip() {
        // TIMING.md §1 stall + FaultPlan brownout: the waiting access goes ahead once the chip has come back
        h.chip.loadFlashImage(new byte[512 * 1024]);
        h.faults.brownoutDuringNextOperation(0.25);
        h.unlockFlash();
        h.write32(FLASH_CR, CR_SER | 5 << 3 | CR_STRT);
        BusResponse read = h.read(SECTOR5, AccessSize.WORD);
        assertThat(read.readyAtNanos()).isEqualTo(500 * MS);
        assertThat(read.data()).isEqualTo(-1);
        assertThat(h.powerLosses).isEqualTo(1);
    }

    @Test
    void brownoutDuringProgramClearsOnlyTheFirstBytes() {
        // FlashOperation: the first fraction of the bytes the operation covers got the new content
        h.faults.brownoutDuringNextOperation(0.5);
        h.unlockFlash();
        h.write32(FLASH_CR, CR_PG | PSIZE_X32);
        h.write32(FLASH, 0x0000_0000);
        h.clock.advance(16_000);
        assertThat(h.read32(FLASH)).isEqualTo(0xFFFF_0000);
        assertThat(h.powerLosses).isEqualTo(1);
        assertThat(h.chip.stats().bytesProgrammed()).isZero();
    }

    @Test
    void brownoutAtTheStartLeavesNothingDone() {
        h.faults.brownoutDuringNextOperation(0);
        h.unlockFlash();
        h.write32(FLASH_CR, CR_PG | PSIZE_X32);
        h.write32(FLASH, 0);
        assertThat(h.read32(FLASH_CR)).as("power cycled at once").isEqualTo(CR_LOCK);
        assertThat(h.read32(FLASH)).isEqualTo(-1);
        assertThat(h.powerLosses).isEqualTo(1);
    }

    @Test
    void systemResetDuringEraseStopsItWhereItGot() {
        // §12.2: a system reset resets the flash interface; the erase in progress stops part way
        h.chip.loadFlashImage(new byte[512 * 1024]);
        h.unlockFlash();
        long start = h.clock.nanos();
        h.write32(FLASH_CR, CR_SER | 5 << 3 | PSIZE_X32 | CR_STRT);
        h.clock.advanceTo(start + 250 * MS);
        h.chip.systemReset();
        assertThat(h.sr()).isZero();
        byte[] image = h.chip.flashImage();
        assertThat(allEqual(image, 0x2_0000, 0x2_0000 + SECTOR5_BYTES / 4, (byte) 0xFF)).isTrue();
        assertThat(allEqual(image, 0x2_0000 + SECTOR5_BYTES / 4, 0x4_0000, (byte) 0)).isTrue();
        assertThat(h.powerLosses).isZero();
    }

    private static boolean allEqual(byte[] bytes, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != value) {
                return false;
            }
        }
        return true;
    }
}
