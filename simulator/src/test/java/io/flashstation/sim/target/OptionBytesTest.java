package io.flashstation.sim.target;

import org.junit.jupiter.api.Test;

import static io.flashstation.sim.target.ChipHarness.*;
import static org.assertj.core.api.Assertions.assertThat;

/** FLASH_OPTCR, the option bytes, read protection and write protection: stm32f411-target.md §§6.4, 7. */
class OptionBytesTest {

    private static final int DEFAULT_OPTCR = 0x0FFF_AAED;
    private static final int OPTLOCK = 1;
    private static final int OPTION_BYTES = 0x1FFF_C000;
    private static final long MS = 1_000_000L;

    private final ChipHarness h = new ChipHarness();

    @Test
    void optcrResetsToTheFactoryOptionBytes() {
        // §6 table, §13.2: 0x0FFFAAED (not the SVD's 0x14)
        assertThat(h.read32(FLASH_OPTCR)).isEqualTo(DEFAULT_OPTCR);
        assertThat(h.chip.rdpLevel()).isZero();
    }

    @Test
    void optionKeysClearOptlock() {
        // §6.4 and ST-COMM: reads 0x0FFFAAEC after OPTKEYR
        h.unlockOptions();
        assertThat(h.read32(FLASH_OPTCR)).isEqualTo(0x0FFF_AAEC);
    }

    @Test
    void wrongOptionKeyIsABusErrorAndLocksUntilReset() {
        // §6.3 unlock rule, applied to OPTKEYR
        assertThat(h.write(FLASH_OPTKEYR, AccessSize.WORD, KEY1).ok()).isFalse();
        h.write(FLASH_OPTKEYR, AccessSize.WORD, OPTKEY1);
        h.write(FLASH_OPTKEYR, AccessSize.WORD, OPTKEY2);
        assertThat(h.read32(FLASH_OPTCR) & OPTLOCK).isEqualTo(OPTLOCK);
        h.chip.systemReset();
        h.unlockOptions();
        assertThat(h.read32(FLASH_OPTCR) & OPTLOCK).isZero();
    }

    @Test
    void optcrWritesWhileLockedAreIgnored() {
        h.write32(FLASH_OPTCR, 0x0FFF_55EC);
        assertThat(h.read32(FLASH_OPTCR)).isEqualTo(DEFAULT_OPTCR);
    }

    @Test
    void optcrWriteWithoutOptstrtIsNotKept() {
        // §6.4 (F412 observation): 0x0FFF55ED reads back, and after reset 0x0FFFAAED again
        h.unlockOptions();
        h.write32(FLASH_OPTCR, 0x0FFF_55ED);
        assertThat(h.read32(FLASH_OPTCR)).isEqualTo(0x0FFF_55ED);
        h.chip.systemReset();
        assertThat(h.read32(FLASH_OPTCR)).isEqualTo(DEFAULT_OPTCR);
        assertThat(h.chip.optionBytes()).isEqualTo(Stm32F4System.optionBytesWithRdp(0xAA));
    }

    @Test
    void optstrtCommitsButTheChipEnforcesTheNewLevelOnlyAfterReset() {
        // §6.4 modification procedure, §7.1 "loaded at reset", §13.11
        h.unlockOptions();
        h.write32(FLASH_OPTCR, 0x0FFF_BBEC);
        long start = h.clock.nanos();
        h.write32(FLASH_OPTCR, 0x0FFF_BBEE);
        assertThat(h.read32(FLASH_OPTCR) & 2).as("OPTSTRT reads set while BSY").isEqualTo(2);
        assertThat(h.chip.busyUntilNanos()).as("a 16 KiB sector erase at x8").isEqualTo(start + 400 * MS);
        h.waitWhileBusy();

        assertThat(h.chip.optionBytes()[1]).isEqualTo((byte) 0xBB);
        assertThat(h.chip.rdpLevel()).isZero();
        h.chip.systemReset();
        assertThat(h.chip.rdpLevel()).isEqualTo(1);
        assertThat(h.read32(FLASH_OPTCR)).isEqualTo(0x0FFF_BBED);
    }

    @Test
    void optionByteAreaShowsTheCommittedBytes() {
        // §7.1: half-word 0x1FFFC000 = RDP | user, 0x1FFFC008 = nWRP with SPRMOD in bit 15; read-only
        assertThat(h.read(OPTION_BYTES, AccessSize.HALFWORD).data()).isEqualTo(0xAAEC);
        assertThat(h.read(OPTION_BYTES + 8, AccessSize.HALFWORD).data()).isEqualTo(0x0FFF);
        assertThat(h.write(OPTION_BYTES, AccessSize.HALFWORD, 0x55EC).ok()).isFalse();

        h.commitOptcr(0x0FFD_AAEC);
        assertThat(h.read(OPTION_BYTES + 8, AccessSize.HALFWORD).data()).isEqualTo(0x0FFD);
    }

    @Test
    void levelOneBlocksMainFlashWhileADebuggerIsAttached() {
        // §7.2 level 1: no read (bus error), program or erase (WRPERR) of main flash; SRAM and registers stay usable
        h.chip.loadOptionBytes(Stm32F4System.optionBytesWithRdp(0x00));
        assertThat(h.chip.rdpLevel()).isEqualTo(1);
        assertThat(h.read(FLASH, AccessSize.WORD).ok()).as("no debugger").isTrue();

        h.chip.setDebuggerAttached(true);
        assertThat(h.read(FLASH, AccessSize.WORD).ok()).isFalse();
        assertThat(h.read(0x0000_0004, AccessSize.WORD).ok()).as("boot alias too").isFalse();
        assertThat(h.write(0x2000_0000, AccessSize.WORD, 7).ok()).isTrue();
        assertThat(h.read32(0x2000_0000)).isEqualTo(7);

        h.unlockFlash();
        h.write32(FLASH_CR, CR_PG | PSIZE_X16);
        h.write(FLASH, AccessSize.HALFWORD, 0);
        assertThat(h.sr()).isEqualTo(SR_WRPERR);
        h.write32(FLASH_SR, SR_WRPERR);
        h.write32(FLASH_CR, CR_SER | CR_STRT);
        assertThat(h.sr()).isEqualTo(SR_WRPERR);
        h.write32(FLASH_SR, SR_WRPERR);
        h.write32(FLASH_CR, CR_MER | CR_STRT);
        assertThat(h.sr()).isEqualTo(SR_WRPERR);
    }

    @Test
    void levelOneToZeroMassErasesMainFlashFirst() {
        // §7.2: regression 1 → 0 mass-erases user flash within the OPTSTRT operation; WRP keeps its value
        h.unlockFlash();
        h.program(FLASH + 0x2_0000, AccessSize.WORD, 0x1234_5678);
        h.commitOptcr(0x0FFE_00EC);
        h.chip.systemReset();
        assertThat(h.chip.rdpLevel()).isEqualTo(1);
        h.chip.setDebuggerAttached(true);

        h.unlockOptions();
        h.write32(FLASH_OPTCR, 0x0FFE_AAEC);
        long start = h.clock.nanos();
        h.write32(FLASH_OPTCR, 0x0FFE_AAEE);
        assertThat(h.chip.busyUntilNanos()).as("mass erase at x8").isEqualTo(start + 8_000 * MS);
        h.waitWhileBusy();
        h.chip.systemReset();

        assertThat(h.chip.rdpLevel()).isZero();
        assertThat(h.read32(FLASH + 0x2_0000)).isEqualTo(-1);
        assertThat(h.read32(FLASH_OPTCR)).isEqualTo(0x0FFE_AAED);
        assertThat(h.chip.stats().massErases()).isEqualTo(1);
    }

    @Test
    void raisingTheLevelErasesNothing() {
        // §7.2: no mass erase when the level is raised
        h.unlockFlash();
        h.program(FLASH, AccessSize.WORD, 0);
        h.commitOptcr(0x0FFF_00EC);
        h.chip.systemReset();
        assertThat(h.read32(FLASH)).isZero();
        assertThat(h.chip.stats().massErases()).isZero();
    }

    @Test
    void levelTwoCannotBeLeft() {
        // §7.2 level 2: permanent; option bytes can no longer be changed
        h.commitOptcr(0x0FFF_CCEC);
        h.chip.systemReset();
        assertThat(h.chip.rdpLevel()).isEqualTo(2);

        h.commitOptcr(0x0FFF_AAEC);
        assertThat(h.sr()).isEqualTo(SR_WRPERR);
        h.chip.powerOnReset();
        assertThat(h.chip.rdpLevel()).isEqualTo(2);
        assertThat(h.chip.optionBytes()[1]).isEqualTo((byte) 0xCC);
    }

    @Test
    void writeProtectedSectorRefusesProgramAndErase() {
        // §7.3 nWRPi = 0 protects sector i: program/erase set WRPERR and do nothing; mass erase is refused too
        h.unlockFlash();
        h.program(FLASH + 0x4000, AccessSize.WORD, 0);
        h.commitOptcr(0x0FFD_AAEC);
        h.chip.systemReset();
        h.unlockFlash();

        h.write32(FLASH_CR, CR_SER | 1 << 3 | CR_STRT);
        assertThat(h.sr()).isEqualTo(SR_WRPERR);
        assertThat(h.read32(FLASH + 0x4000)).isZero();
        h.write32(FLASH_SR, SR_WRPERR);

        h.write32(FLASH_CR, CR_PG | PSIZE_X32 | CR_ERRIE);
        h.write(FLASH + 0x4004, AccessSize.WORD, 0);
        assertThat(h.sr()).isEqualTo(SR_WRPERR | SR_OPERR);
        assertThat(h.read32(FLASH + 0x4004)).isEqualTo(-1);
        h.write32(FLASH_SR, SR_WRPERR | SR_OPERR);

        h.program(FLASH + 0x8000, AccessSize.WORD, 0);
        assertThat(h.read32(FLASH + 0x8000)).as("sector 2 unprotected").isZero();

        h.write32(FLASH_CR, CR_MER | CR_STRT);
        assertThat(h.sr()).isEqualTo(SR_WRPERR);
    }

    @Test
    void sprmodMakesSelectedSectorsExecuteOnly() {
        // §6.4/§7.3: SPRMOD=1 turns nWRPi=1 into PCROP: data reads refused (RDERR), writes protected
        h.commitOptcr(0x8000_AAEC | 0x001 << 16);
        h.chip.systemReset();
        assertThat(h.read32(FLASH_OPTCR)).isEqualTo(0x8F01_AAED);
        assertThat(h.read(FLASH, AccessSize.WORD).ok()).isFalse();
        assertThat(h.sr() & (1 << 8)).as("RDERR").isNotZero();
        assertThat(h.read(FLASH + 0x4000, AccessSize.WORD).ok()).isTrue();
    }

    @Test
    void optionProgrammingWhileBusyIsASequenceError() {
        h.unlockFlash();
        h.write32(FLASH_CR, CR_SER | CR_STRT);
        h.unlockOptions();
        h.write32(FLASH_OPTCR, 0x0FFF_00EE);
        assertThat(h.sr()).isEqualTo(SR_BSY | SR_PGSERR);
        h.waitWhileBusy();
        assertThat(h.chip.optionBytes()[1]).isEqualTo((byte) 0xAA);
    }
}
