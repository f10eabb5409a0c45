package io.flashstation.sim.target;

import org.junit.jupiter.api.Test;

import static io.flashstation.sim.target.ChipHarness.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the register traffic of OpenOCD 0.12.0's stm32f2x driver, as stm32f411-target.md §12.3 records it, and
 * checks the chip answers the way the driver needs: SR & 0xF2 stays clear on success, LOCK reads as expected.
 */
class OpenOcdFlashSequenceTest {

    private static final int ERROR_MASK = 0xF2;

    private final ChipHarness h = new ChipHarness();

    /** stm32x_wait_status_busy: poll SR until BSY clears, then report the error bits (§12.3). */
    private int waitStatusBusy() {
        int polls = 0;
        int sr;
        while (((sr = h.sr()) & SR_BSY) != 0) {
            h.clock.advance(1_000_000); // the driver sleeps at least 1 ms between polls
            polls++;
            assertThat(polls).as("within FLASH_MASS_ERASE_TIMEOUT").isLessThan(33_000);
        }
        return sr & ERROR_MASK;
    }

    /** stm32x_unlock_reg: keys only when CR reads LOCK, then CR must read unlocked (§12.3). */
    private void unlockReg() {
        if ((h.read32(FLASH_CR) & CR_LOCK) != 0) {
            h.unlockFlash();
        }
        assertThat(h.read32(FLASH_CR) & CR_LOCK).as("flash not unlocked").isZero();
    }

    @Test
    void eraseSectorsThenHalfWordFallbackWrite() {
        // §12.3 erase: one CR write SER | n<<3 | STRT per sector, wait, then CR = LOCK
        unlockReg();
        for (int sector = 0; sector <= 1; sector++) {
            h.write32(FLASH_CR, 0x0001_0002 + 8 * sector);
            assertThat(waitStatusBusy()).isZero();
        }
        h.write32(FLASH_CR, 0x8000_0000);
        assertThat(h.clock.nanos()).as("two 16 KiB sectors at x8, 1 ms polling").isBetween(800_000_000L, 802_000_000L);

        // §12.4 WORKAREASIZE 0 fallback: per half-word CR = 0x101, a 16-bit write, SR polls; finally CR = LOCK
        unlockReg();
        int[] halfWords = {0x2000, 0x2001, 0x0801, 0x0800};
        for (int i = 0; i < halfWords.length; i++) {
            h.write32(FLASH_CR, 0x0000_0101);
            assertThat(h.write(FLASH + 2 * i, AccessSize.HALFWORD, halfWords[i]).ok()).isTrue();
            assertThat(waitStatusBusy()).isZero();
        }
        h.write32(FLASH_CR, 0x0000_0001); // odd trailing byte: PG | PSIZE8 and an 8-bit write
        h.write(FLASH + 8, AccessSize.BYTE, 0x42);
        assertThat(waitStatusBusy()).isZero();
        h.write32(FLASH_CR, 0x8000_0000);

        assertThat(h.read32(FLASH)).isEqualTo(0x2001_2000);
        assertThat(h.read32(FLASH + 4)).isEqualTo(0x0800_0801);
        assertThat(h.read32(FLASH + 8)).isEqualTo(0xFFFF_FF42);
        assertThat(h.read32(FLASH_CR)).isEqualTo(CR_LOCK);
        assertThat(h.chip.stats()).isEqualTo(new FlashStats(2, 0, 9));
    }

    @Test
    void massErase() {
        // §12.3 mass_erase: CR = MER, CR = MER | STRT, wait (33000), CR = LOCK
        unlockReg();
        h.write32(FLASH_CR, 0x0000_0004);
        h.write32(FLASH_CR, 0x0001_0004);
        assertThat(waitStatusBusy()).isZero();
        h.write32(FLASH_CR, 0x8000_0000);
        assertThat(h.chip.stats().massErases()).isEqualTo(1);
    }

    /** stm32x_write_options (§12.3): unlock OPTCR if needed, image, image | OPTSTRT, wait, image | OPTLOCK. */
    private void writeOptions(int rdp, int nwrp) {
        int optcr = h.read32(FLASH_OPTCR);
        if ((optcr & 1) != 0) {
            h.unlockOptions();
            assertThat(h.read32(FLASH_OPTCR) & 1).as("options not unlocked").isZero();
        }
        int image = (optcr & 0xFC) | rdp << 8 | (nwrp & 0xFFF) << 16;
        h.write32(FLASH_OPTCR, image);
        h.write32(FLASH_OPTCR, image | 2);
        assertThat(waitStatusBusy()).isZero();
        h.write32(FLASH_OPTCR, image | 1);
    }

    @Test
    void lockThenUnlockAcrossResets() {
        // §12.3 `stm32f2x lock 0` (RDP 0x00) then reset; `stm32f2x unlock 0` (RDP 0xAA) mass-erases; §7.2
        h.chip.setDebuggerAttached(true);
        unlockReg();
        h.write32(FLASH_CR, 0x101);
        h.write(FLASH, AccessSize.HALFWORD, 0x1234);
        waitStatusBusy();
        h.write32(FLASH_CR, 0x8000_0000);

        writeOptions(0x00, 0xFFF);
        h.chip.systemReset();
        int optcr = h.read32(FLASH_OPTCR);
        assertThat((optcr >>> 8) & 0xFF).as("protect_check sees the security bit").isNotEqualTo(0xAA);
        assertThat(h.read(FLASH, AccessSize.HALFWORD).ok()).isFalse();

        writeOptions(0xAA, (optcr >>> 16) & 0xFFF);
        h.chip.systemReset();
        assertThat(h.chip.rdpLevel()).isZero();
        assertThat(h.read32(FLASH_OPTCR)).isEqualTo(0x0FFF_AAED);
        assertThat(h.read32(FLASH)).isEqualTo(-1);
    }

    @Test
    void protectedSectorReportsDeviceProtected() {
        // §12.3 wait_status_busy: WRPERR → "stm32x device protected", error bits written back to SR
        writeOptions(0xAA, 0xFFE);
        h.chip.systemReset();
        unlockReg();
        h.write32(FLASH_CR, 0x0001_0002);
        int errors = waitStatusBusy();
        assertThat(errors).isEqualTo(SR_WRPERR);
        h.write32(FLASH_SR, errors);
        assertThat(h.sr()).isZero();
    }
}
