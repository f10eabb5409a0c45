package io.flashstation.sim.target;

import org.junit.jupiter.api.Test;

import static io.flashstation.sim.target.ChipHarness.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The flash interface registers and operations, stm32f411-target.md §§3, 6, 8 and TIMING.md §1. */
class FlashControllerTest {

    private final ChipHarness h = new ChipHarness();

    private static final long MS = 1_000_000L;
    private static final long PROGRAM_NANOS = 16_000L;

    @Test
    void registersComeOutOfResetLockedAndClear() {
        // §6 reset values, §13.2: FLASH_CR = 0x80000000, SR = 0, ACR = 0
        assertThat(h.read32(FLASH_CR)).isEqualTo(0x8000_0000);
        assertThat(h.sr()).isZero();
        assertThat(h.read32(FLASH_ACR)).isZero();
        // §6: KEYR and OPTKEYR are write-only
        assertThat(h.read32(FLASH_KEYR)).isZero();
        assertThat(h.read32(FLASH_OPTKEYR)).isZero();
    }

    @Test
    void keySequenceUnlocksControlRegister() {
        // §6.3: KEY1 then KEY2 while LOCK=1
        h.unlockFlash();
        assertThat(h.read32(FLASH_CR) & CR_LOCK).isZero();
        h.write32(FLASH_CR, CR_PG | PSIZE_X16);
        assertThat(h.read32(FLASH_CR)).isEqualTo(CR_PG | PSIZE_X16);
    }

    @Test
    void wrongKeyAnswersBusErrorAndLocksOutUntilReset() {
        // §6.3, §13.10: a wrong key is a bus error and keeps CR locked until the next reset
        assertThat(h.write(FLASH_KEYR, AccessSize.WORD, 0x1234_5678).ok()).isFalse();
        assertThat(h.write(FLASH_KEYR, AccessSize.WORD, KEY1).ok()).isFalse();
        assertThat(h.write(FLASH_KEYR, AccessSize.WORD, KEY2).ok()).isFalse();
        assertThat(h.read32(FLASH_CR) & CR_LOCK).isNotZero();

        h.chip.systemReset();
        h.unlockFlash();
        assertThat(h.read32(FLASH_CR) & CR_LOCK).isZero();
    }

    @Test
    void keysInWrongOrderAreAWrongSequence() {
        // §6.3: "wrong key or wrong order" → bus error, locked
        assertThat(h.write(FLASH_KEYR, AccessSize.WORD, KEY2).ok()).isFalse();
        h.write(FLASH_KEYR, AccessSize.WORD, KEY1);
        h.write(FLASH_KEYR, AccessSize.WORD, KEY2);
        assertThat(h.read32(FLASH_CR) & CR_LOCK).isNotZero();
    }

    @Test
    void keysWrittenWhileUnlockedLockTheRegister() {
        // §6.3: OpenOCD skips the keys when unlocked because writing KEYR then fails (modelled as a wrong sequence)
        h.unlockFlash();
        assertThat(h.write(FLASH_KEYR, AccessSize.WORD, KEY1).ok()).isFalse();
        assertThat(h.read32(FLASH_CR) & CR_LOCK).isNotZero();
    }

    @Test
    void halfWordKeyWritesAreWrong() {
        // §6.3: the keys are 32-bit values; a narrower write cannot present one
        assertThat(h.write(FLASH_KEYR, AccessSize.HALFWORD, 0x0123).ok()).isFalse();
        assertThat(h.read32(FLASH_CR) & CR_LOCK).isNotZero();
    }

    @Test
    void controlWritesWhileLockedAreIgnored() {
        // §8: CR writes while LOCK=1 have no effect
        h.write32(FLASH_CR, CR_PG | PSIZE_X32);
        assertThat(h.read32(FLASH_CR)).isEqualTo(CR_LOCK);
    }

    @Test
    void settingLockRelocksAndKeysUnlockAgain() {
        // §6.3: LOCK is set by writing 1, cleared only by the key sequence
        h.unlockFlash();
        h.write32(FLASH_CR, CR_LOCK);
        assertThat(h.read32(FLASH_CR)).isEqualTo(CR_LOCK);
        h.unlockFlash();
        assertThat(h.read32(FLASH_CR)).isZero();
    }

    @Test
    void programsBytesHalfWordsAndWordsAtTheirPsize() {
        // §8 program sequence: PG with PSIZE, one write of the matching width
        h.unlockFlash();
        h.program(FLASH + 0x100, AccessSize.BYTE, 0x5A);
        h.program(FLASH + 0x102, AccessSize.HALFWORD, 0xBEEF);
        h.program(FLASH + 0x104, AccessSize.WORD, 0x1234_5678);

        assertThat(h.read32(FLASH + 0x100)).isEqualTo(0xBEEF_FF5A);
        assertThat(h.read32(FLASH + 0x104)).isEqualTo(0x1234_5678);
        assertThat(h.sr()).isZero();
        assertThat(h.chip.stats().bytesProgrammed()).isEqualTo(7);
    }

    @Test
    void eachProgramOperationKeepsBsyForProgramTime() {
        // TIMING.md §1: one program operation takes 16 µs (Typ) whatever its width
        h.unlockFlash();
        h.write32(FLASH_CR, CR_PG | PSIZE_X32);
        long start = h.clock.nanos();
        h.write32(FLASH, 0);
        assertThat(h.sr() & SR_BSY).isNotZero();
        h.clock.advanceTo(start + PROGRAM_NANOS - 1);
        assertThat(h.sr() & SR_BSY).isNotZero();
        h.clock.advanceTo(start + PROGRAM_NANOS);
        assertThat(h.sr() & SR_BSY).isZero();
    }

    @Test
    void programmingOnlyClearsBitsWithoutError() {
        // §3, §8, §13.6: new = old AND data; no error for a non-erased target
        h.unlockFlash();
        h.program(FLASH, AccessSize.WORD, 0xF0F0_FF00);
        h.program(FLASH, AccessSize.WORD, 0x0FF0_F0FF);
        assertThat(h.read32(FLASH)).isEqualTo(0x00F0_F000);
        assertThat(h.sr()).isZero();
    }

    @Test
    void flashWriteWithoutPgIsASequenceError() {
        // §6.2 PGSERR: a write to flash while CR is not set up for programming; nothing is written
        h.unlockFlash();
        BusResponse response = h.write(FLASH, AccessSize.WORD, 0);
        assertThat(response.ok()).as("PGSERR is a status flag, not an AHB error").isTrue();
        assertThat(h.sr()).isEqualTo(SR_PGSERR);
        assertThat(h.read32(FLASH)).isEqualTo(-1);
    }

    @Test
    void flashWriteWhileLockedIsASequenceError() {
        // §6.2 PGSERR, §8 "unlock before any CR write"
        h.write(FLASH, AccessSize.HALFWORD, 0);
        assertThat(h.sr()).isEqualTo(SR_PGSERR);
        assertThat(h.read32(FLASH)).isEqualTo(-1);
    }

    @Test
    void programWithEraseBitsSetIsASequenceError() {
        // §6.2 PGSERR: CR not correctly configured (PG together with SER)
        h.unlockFlash();
        h.write32(FLASH_CR, CR_PG | CR_SER | PSIZE_X32);
        h.write(FLASH, AccessSize.WORD, 0);
        assertThat(h.sr()).isEqualTo(SR_PGSERR);
        assertThat(h.read32(FLASH)).isEqualTo(-1);
    }

    @Test
    void widthOtherThanPsizeIsAParallelismError() {
        // §8: access width must equal PSIZE, else PGPERR and nothing written
        h.unlockFlash();
        h.write32(FLASH_CR, CR_PG | PSIZE_X32);
        h.write(FLASH, AccessSize.HALFWORD, 0);
        assertThat(h.sr()).isEqualTo(SR_PGPERR);
        h.write32(FLASH_SR, SR_PGPERR);
        h.write32(FLASH_CR, CR_PG | PSIZE_X8);
        h.write(FLASH, AccessSize.WORD, 0);
        assertThat(h.sr()).isEqualTo(SR_PGPERR);
        assertThat(h.read32(FLASH)).isEqualTo(-1);
    }

    @Test
    void doubleWordMustNotCrossA128BitRow() {
        // §3/§8 and RM0090 §3.5.4: data crossing a 128-bit row → PGAERR, nothing written (PSIZE x64 double word)
        h.unlockFlash();
        h.write32(FLASH_CR, CR_PG | PSIZE_X64);
        h.write32(FLASH + 0x1C, 0x1111_1111);
        assertThat(h.sr()).isEqualTo(SR_PGAERR);
        h.write32(FLASH_SR, SR_PGAERR);

        h.write32(FLASH + 0x24, 0x3333_3333);
        h.write32(FLASH + 0x2C, 0x4444_4444);
        assertThat(h.sr()).as("second word not following the first").isEqualTo(SR_PGAERR);
        assertThat(h.read32(FLASH + 0x1C)).isEqualTo(-1);
        assertThat(h.read32(FLASH + 0x24)).isEqualTo(-1);
    }

    @Test
    void doubleWordIsOneProgramOperationOfTwoWords() {
        // §6.3 PSIZE x64, TIMING.md §1: one program operation whatever its width
        h.unlockFlash();
        h.write32(FLASH_CR, CR_PG | PSIZE_X64);
        h.write32(FLASH + 0x14, 0x3333_3333);
        assertThat(h.sr() & SR_BSY).as("first half only latched").isZero();
        h.write32(FLASH + 0x18, 0x4444_4444);
        assertThat(h.chip.busyUntilNanos()).isEqualTo(h.clock.nanos() + PROGRAM_NANOS);
        h.waitWhileBusy();
        assertThat(h.read32(FLASH + 0x14)).isEqualTo(0x3333_3333);
        assertThat(h.read32(FLASH + 0x18)).isEqualTo(0x4444_4444);
        assertThat(h.chip.stats().bytesProgrammed()).isEqualTo(8);
        // x64 accepts word writes only
        h.write(FLASH + 0x20, AccessSize.HALFWORD, 0);
        assertThat(h.sr()).isEqualTo(SR_PGPERR);
    }

    @Test
    void operationErrorFlagOnlyWithErrorInterruptEnabled() {
        // §6.2: OPERR is set only if CR.ERRIE=1
        h.unlockFlash();
        h.write32(FLASH_CR, CR_PG | PSIZE_X32);
        h.write(FLASH, AccessSize.BYTE, 0);
        assertThat(h.sr() & SR_OPERR).isZero();
        h.write32(FLASH_CR, CR_PG | PSIZE_X32 | CR_ERRIE);
        h.write(FLASH, AccessSize.BYTE, 0);
        assertThat(h.sr()).isEqualTo(SR_PGPERR | SR_OPERR);
    }

    @Test
    void endOfOperationFlagOnlyWithItsInterruptEnabled() {
        // §6.2, §13.3: EOP only if CR.EOPIE=1, so OpenOCD sees SR = 0 after success
        h.unlockFlash();
        h.program(FLASH, AccessSize.WORD, 0);
        assertThat(h.sr()).isZero();
        h.write32(FLASH_CR, CR_PG | PSIZE_X32 | CR_EOPIE);
        h.write32(FLASH + 4, 0);
        assertThat(h.sr()).as("not before the operation ends").isEqualTo(SR_BSY);
        h.waitWhileBusy();
        assertThat(h.sr()).isEqualTo(SR_EOP);
    }

    @Test
    void statusFlagsClearByWritingOne() {
        // §6.2: write 1 to clear; writing 0 leaves a flag; BSY is read-only
        h.unlockFlash();
        h.write32(FLASH_CR, CR_PG | PSIZE_X32 | CR_ERRIE);
        h.write(FLASH, AccessSize.BYTE, 0);
        h.write32(FLASH_SR, 0);
        assertThat(h.sr()).isEqualTo(SR_PGPERR | SR_OPERR);
        h.write32(FLASH_SR, SR_OPERR);
        assertThat(h.sr()).isEqualTo(SR_PGPERR);
        h.write(FLASH_SR, AccessSize.BYTE, SR_PGPERR);
        assertThat(h.sr()).isZero();
    }

    @Test
    void sectorEraseTimeFollowsPsizeAtStart() {
        // TIMING.md §1: erase duration by sector size and the PSIZE in CR when STRT is written
        h.unlockFlash();
        assertEraseTakes(0, PSIZE_X8, 400 * MS);
        assertEraseTakes(1, PSIZE_X16, 300 * MS);
        assertEraseTakes(2, PSIZE_X32, 250 * MS);
        assertEraseTakes(4, PSIZE_X8, 1200 * MS);
        assertEraseTakes(4, PSIZE_X16, 700 * MS);
        assertEraseTakes(5, PSIZE_X8, 2000 * MS);
        assertEraseTakes(7, PSIZE_X32, 1000 * MS);
        assertEraseTakes(6, PSIZE_X64, 1000 * MS);
        assertThat(h.chip.stats().sectorsErased()).isEqualTo(8);
    }

    private void assertEraseTakes(int sector, int psize, long nanos) {
        long start = h.clock.nanos();
        h.write32(FLASH_CR, CR_SER | sector << 3 | psize | CR_STRT);
        // §6.3: STRT reads back set until BSY clears
        assertThat(h.read32(FLASH_CR) & CR_STRT).isNotZero();
        h.clock.advanceTo(start + nanos - 1);
        assertThat(h.sr() & SR_BSY).as("sector %d still busy", sector).isNotZero();
        h.clock.advanceTo(start + nanos);
        assertThat(h.sr()).isZero();
        assertThat(h.read32(FLASH_CR) & CR_STRT).isZero();
    }

    @Test
    void sectorEraseSetsOnlyThatSectorToOnes() {
        // §3 sector table, §8 sector erase: result all 0xFF
        h.unlockFlash();
        h.program(FLASH + 0x3FFC, AccessSize.WORD, 0);
        h.program(FLASH + 0x4000, AccessSize.WORD, 0);
        h.eraseSector(0, PSIZE_X32);
        assertThat(h.read32(FLASH + 0x3FFC)).isEqualTo(-1);
        assertThat(h.read32(FLASH + 0x4000)).isZero();
    }

    @Test
    void flashAccessWhileBusyStallsUntilTheOperationEnds() {
        // §3 read-while-busy, TIMING.md §1: an AHB access to flash stalls while BSY; registers do not
        h.unlockFlash();
        h.program(FLASH + 0x4000, AccessSize.WORD, 0x1234_5678);
        long start = h.clock.nanos();
        h.write32(FLASH_CR, CR_SER | 1 << 3 | CR_STRT);

        BusResponse flashRead = h.read(FLASH + 0x4000, AccessSize.WORD);
        assertThat(flashRead.readyAtNanos()).isEqualTo(start + 400 * MS);
        assertThat(flashRead.data()).as("the data of after the erase").isEqualTo(-1);

        BusResponse status = h.read(FLASH_SR, AccessSize.WORD);
        assertThat(status.readyAtNanos()).isEqualTo(start);
        assertThat(status.data()).isEqualTo(SR_BSY);
    }

    @Test
    void programWriteWhileBusyStartsWhenTheEraseEnds() {
        // §3 read-while-busy stall applies to the write; TIMING.md §1 program time follows the erase
        h.unlockFlash();
        long start = h.clock.nanos();
        h.write32(FLASH_CR, CR_SER | 1 << 3 | CR_STRT);
        h.write32(FLASH_CR, CR_PG | PSIZE_X32);
        BusResponse write = h.write(FLASH + 0x4000, AccessSize.WORD, 0);
        assertThat(write.readyAtNanos()).isEqualTo(start + 400 * MS);
        assertThat(h.chip.busyUntilNanos()).isEqualTo(start + 400 * MS + PROGRAM_NANOS);
        h.waitWhileBusy();
        assertThat(h.read32(FLASH + 0x4000)).isZero();
    }

    @Test
    void massEraseClearsAllFlashInMassEraseTime() {
        // §8 mass erase: MER, then MER | STRT; TIMING.md §1: 8 s at x8, 4 s at x32 (512 KiB)
        h.unlockFlash();
        h.program(FLASH, AccessSize.WORD, 0);
        h.program(FLASH + 0x7FFFC, AccessSize.WORD, 0);
        long start = h.clock.nanos();
        h.write32(FLASH_CR, CR_MER);
        h.write32(FLASH_CR, CR_MER | CR_STRT);
        assertThat(h.chip.busyUntilNanos()).isEqualTo(start + 8_000 * MS);
        h.waitWhileBusy();
        assertThat(h.read32(FLASH)).isEqualTo(-1);
        assertThat(h.read32(FLASH + 0x7FFFC)).isEqualTo(-1);
        assertThat(h.chip.stats().massErases()).isEqualTo(1);

        start = h.clock.nanos();
        h.write32(FLASH_CR, CR_MER | PSIZE_X32 | CR_STRT);
        assertThat(h.chip.busyUntilNanos()).isEqualTo(start + 4_000 * MS);
    }

    @Test
    void sectorAndMassEraseTogetherRunNeither() {
        // §8: SER and MER both set → neither erase runs (flagged as a sequence error)
        h.unlockFlash();
        h.program(FLASH, AccessSize.WORD, 0);
        h.write32(FLASH_CR, CR_SER | CR_MER | CR_STRT);
        assertThat(h.sr()).isEqualTo(SR_PGSERR);
        assertThat(h.read32(FLASH)).isZero();
    }

    @Test
    void startWhileBusyIsASequenceError() {
        // §6.2 PGSERR: an erase requested while one runs is refused; the first one finishes normally
        h.unlockFlash();
        long start = h.clock.nanos();
        h.write32(FLASH_CR, CR_SER | CR_STRT);
        h.write32(FLASH_CR, CR_SER | 1 << 3 | CR_STRT);
        assertThat(h.sr()).isEqualTo(SR_BSY | SR_PGSERR);
        assertThat(h.chip.busyUntilNanos()).isEqualTo(start + 400 * MS);
    }

    @Test
    void sectorNumberBeyondThePartIsRefused() {
        // §3: a 256 KiB F401CC ends after sector 5
        ChipHarness small = new ChipHarness(ChipVariant.STM32F401CC);
        small.unlockFlash();
        small.write32(FLASH_CR, CR_SER | 6 << 3 | CR_STRT);
        assertThat(small.sr()).isEqualTo(SR_PGSERR);
        small.write32(FLASH_SR, SR_PGSERR);
        small.write32(FLASH_CR, CR_SER | 5 << 3 | CR_STRT);
        assertThat(small.chip.busyUntilNanos()).isEqualTo(2_000 * MS);
    }

    @Test
    void subWordRegisterReadsUseTheByteLanes() {
        // companion lane rule (§4, §13.7): a byte read at CR+3 returns bits 31:24 right-aligned
        assertThat(h.read(FLASH_CR + 3, AccessSize.BYTE).data()).isEqualTo(0x80);
        assertThat(h.read(FLASH_CR + 2, AccessSize.HALFWORD).data()).isEqualTo(0x8000);
    }

    @Test
    void accessControlRegisterIsStorage() {
        // §6.1: OpenOCD's reset-init writes ACR = 0x102 (prefetch, 2 wait states)
        h.write32(FLASH_ACR, 0x0000_0102);
        assertThat(h.read32(FLASH_ACR)).isEqualTo(0x0000_0102);
        h.chip.systemReset();
        assertThat(h.read32(FLASH_ACR)).isZero();
    }
}
