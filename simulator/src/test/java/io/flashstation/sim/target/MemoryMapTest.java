package io.flashstation.sim.target;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static io.flashstation.sim.target.ChipHarness.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The system memory map as the AHB-AP sees it: stm32f411-target.md §§1, 2, 4, 5 and §12.2. */
class MemoryMapTest {

    private static final int UID_BASE = 0x1FFF_7A10;
    private static final int F_SIZE = 0x1FFF_7A22;
    private static final int DBGMCU_IDCODE = 0xE004_2000;
    private static final int DBGMCU_CR = 0xE004_2004;
    private static final int DBGMCU_APB1_FZ = 0xE004_2008;
    private static final int SRAM = 0x2000_0000;
    private static final int OTP = 0x1FFF_7800;
    private static final int OTP_LOCK = 0x1FFF_7A00;

    private final ChipHarness h = new ChipHarness();

    @Test
    void uniqueIdIsThreeLittleEndianWords() {
        // §4: 12 bytes at 0x1FFF7A10 read as w0, w1, w2 (DERIVED example values of the sheet)
        assertThat(h.read32(UID_BASE)).isEqualTo(0x0038_0027);
        assertThat(h.read32(UID_BASE + 4)).isEqualTo(0x3137_510E);
        assertThat(h.read32(UID_BASE + 8)).isEqualTo(0x3438_3932);
        assertThat(h.read(UID_BASE + 1, AccessSize.BYTE).data()).isEqualTo(0x00);
        assertThat(h.read(UID_BASE + 6, AccessSize.HALFWORD).data()).isEqualTo(0x3137);
        // "%08X%08X%08X" over w0..w2
        assertThat(h.chip.uidHex()).isEqualTo("003800273137510E34383932");
        assertThat(UniqueId.fromHex(h.chip.uidHex())).isEqualTo(UID);
        assertThat(h.write(UID_BASE, AccessSize.WORD, 0).ok()).as("read-only").isFalse();
    }

    @ParameterizedTest
    @CsvSource({"STM32F411CE, 512", "STM32F401CC, 256", "STM32F401CE, 512"})
    void flashSizeHalfWordPerVariant(ChipVariant variant, int kib) {
        // §4: F_SIZE in KiB, read by OpenOCD as a half-word at 0x1FFF7A22 (upper lanes of the word at 0x1FFF7A20)
        ChipHarness chip = new ChipHarness(variant);
        assertThat(chip.read(F_SIZE, AccessSize.HALFWORD).data()).isEqualTo(kib);
        assertThat(chip.read32(F_SIZE - 2) >>> 16).isEqualTo(kib);
    }

    @ParameterizedTest
    @CsvSource({"STM32F411CE, 0x10006431", "STM32F401CC, 0x10006423", "STM32F401CE, 0x10006433"})
    void dbgmcuIdcodePerVariant(ChipVariant variant, String idcode) {
        // §1, §5: DBGMCU_IDCODE = REV_ID << 16 | DEV_ID; read-only
        ChipHarness chip = new ChipHarness(variant);
        int expected = Integer.parseUnsignedInt(idcode.substring(2), 16);
        assertThat(chip.read32(DBGMCU_IDCODE)).isEqualTo(expected);
        chip.write32(DBGMCU_IDCODE, 0);
        assertThat(chip.read32(DBGMCU_IDCODE)).isEqualTo(expected);
    }

    @Test
    void dbgmcuSurvivesSystemResetButNotPowerOn() {
        // §5, §13.8: OpenOCD's examine-end sets CR |= 0x7 and APB1_FZ |= 0x1800; kept across SYSRESETREQ
        h.write32(DBGMCU_CR, 0x7);
        h.write32(DBGMCU_APB1_FZ, 0x1800);
        h.chip.systemReset();
        assertThat(h.read32(DBGMCU_CR)).isEqualTo(0x7);
        assertThat(h.read32(DBGMCU_APB1_FZ)).isEqualTo(0x1800);
        h.chip.powerOnReset();
        assertThat(h.read32(DBGMCU_CR)).isZero();
        assertThat(h.read32(DBGMCU_APB1_FZ)).isZero();
    }

    @Test
    void dbgmcuKeepsOnlyImplementedBits() {
        // §5 bit table: TRACE_MODE 7:6, TRACE_IOEN 5, low-power bits 2:0
        h.write32(DBGMCU_CR, -1);
        assertThat(h.read32(DBGMCU_CR)).isEqualTo(0xE7);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0808_0000, 0x1FFF_7A24, 0x1FFF_C010, 0x2002_0000, 0x4000_0000, 0x6000_0000,
            0xA000_0000, 0xE010_0000, 0xFFFF_FFFC})
    void unmappedAddressesAnswerBusErrors(int address) {
        // §2: accesses to unimplemented regions produce an AHB error
        assertThat(h.read(address, AccessSize.WORD).ok()).isFalse();
        assertThat(h.write(address, AccessSize.WORD, 0).ok()).isFalse();
    }

    @Test
    void flashAndSramEndWhereThePartEnds() {
        // §2/§3 per part: 256 KiB flash on the F401CC; SRAM 64 KiB (F401xC) and 96 KiB (F401xE)
        ChipHarness small = new ChipHarness(ChipVariant.STM32F401CC);
        assertThat(small.read(FLASH + 0x3_FFFC, AccessSize.WORD).ok()).isTrue();
        assertThat(small.read(FLASH + 0x4_0000, AccessSize.WORD).ok()).isFalse();
        assertThat(small.read(SRAM + 0xFFFC, AccessSize.WORD).ok()).isTrue();
        assertThat(small.read(SRAM + 0x1_0000, AccessSize.WORD).ok()).isFalse();
        ChipHarness f401ce = new ChipHarness(ChipVariant.STM32F401CE);
        assertThat(f401ce.read(SRAM + 0x1_7FFC, AccessSize.WORD).ok()).isTrue();
        assertThat(f401ce.read(SRAM + 0x1_8000, AccessSize.WORD).ok()).isFalse();
        assertThat(h.read(SRAM + 0x1_FFFC, AccessSize.WORD).ok()).isTrue();
    }

    @Test
    void misalignedAccessesAnswerBusErrors() {
        // AhbBus contract: accesses are naturally aligned
        assertThat(h.read(SRAM + 2, AccessSize.WORD).ok()).isFalse();
        assertThat(h.write(SRAM + 1, AccessSize.HALFWORD, 0).ok()).isFalse();
        assertThat(h.read(SRAM + 3, AccessSize.BYTE).ok()).isTrue();
    }

    @Test
    void sramKeepsItsContentAcrossSystemReset() {
        // §12.2: SYSRESETREQ keeps SRAM contents (OpenOCD's work area has no backup)
        h.write32(SRAM + 0x100, 0xCAFE_F00D);
        h.write(SRAM + 0x104, AccessSize.BYTE, 0x42);
        h.chip.systemReset();
        assertThat(h.read32(SRAM + 0x100)).isEqualTo(0xCAFE_F00D);
        assertThat(h.read(SRAM + 0x104, AccessSize.BYTE).data()).isEqualTo(0x42);
    }

    @Test
    void sramPowersUpWithReproducibleNoise() {
        // Sram Javadoc: power-up content is noise seeded by the UID, identical for identical chips
        ChipHarness twin = new ChipHarness();
        int[] first = new int[64];
        boolean anyNonZero = false;
        for (int i = 0; i < first.length; i++) {
            first[i] = h.read32(SRAM + 4 * i);
            assertThat(twin.read32(SRAM + 4 * i)).isEqualTo(first[i]);
            anyNonZero |= first[i] != 0;
        }
        assertThat(anyNonZero).isTrue();
        h.write32(SRAM, ~first[0]);
        h.chip.powerOnReset();
        assertThat(h.read32(SRAM)).isEqualTo(first[0]);
    }

    @Test
    void bootAliasShowsMainFlash() {
        // §2: with BOOT0=0 address 0 aliases main flash (reset fetches SP and PC through it)
        h.unlockFlash();
        h.program(FLASH + 4, AccessSize.WORD, 0x0800_0101);
        assertThat(h.read32(0x0000_0004)).isEqualTo(0x0800_0101);
        assertThat(h.read(0x0008_0000, AccessSize.WORD).ok()).isFalse();
    }

    @Test
    void systemMemoryIsReadOnly() {
        // §2: system memory 0x1FFF0000-0x1FFF77FF is read-only
        assertThat(h.read(0x1FFF_0000, AccessSize.WORD).ok()).isTrue();
        assertThat(h.read(0x1FFF_77FC, AccessSize.WORD).ok()).isTrue();
        assertThat(h.write(0x1FFF_0000, AccessSize.WORD, 0).ok()).isFalse();
    }

    @Test
    void rccIsStorageWithResetValues() {
        // §12.2 step 7: reset-init writes PLLCFGR, CR |= PLLON and CFGR; reads must not fault
        assertThat(h.read32(0x4002_3800)).isEqualTo(0x0000_0083);
        assertThat(h.read32(0x4002_3804)).isEqualTo(0x2400_3010);
        h.write32(0x4002_3804, 0x0801_2008);
        h.write32(0x4002_3800, h.read32(0x4002_3800) | 0x0100_0000);
        h.write32(0x4002_3808, h.read32(0x4002_3808) | 0x1000);
        assertThat(h.read32(0x4002_3804)).isEqualTo(0x0801_2008);
        assertThat(h.read32(0x4002_3808)).isEqualTo(0x1000);
        h.chip.systemReset();
        assertThat(h.read32(0x4002_3800)).isEqualTo(0x0000_0083);
    }

    @Test
    void privatePeripheralBusIsForwardedExceptDbgmcu() {
        // §2: the Cortex-M4 PPB 0xE0000000-0xE00FFFFF belongs to the core; DBGMCU 0xE0042000 is the MCU's
        assertThat(h.read32(0xE000_EDF0)).isEqualTo(0x5EB0_EDF0);
        h.write32(0xE000_2000, 3);
        h.read32(DBGMCU_IDCODE);
        assertThat(h.read32(0xE00F_F000)).isEqualTo(0x5EB0_F000);
        assertThat(h.ppbAccesses).containsExactly(0xE000_EDF0, 0xE000_2000, 0xE00F_F000);
    }

    @Test
    void otpProgramsLikeFlashUntilItsBlockIsLocked() {
        // §2 OTP: 16 blocks of 32 bytes, lock byte per block, 0x00 = locked; programmed through the flash interface
        h.unlockFlash();
        h.program(OTP, AccessSize.WORD, 0x1234_5678);
        assertThat(h.read32(OTP)).isEqualTo(0x1234_5678);
        h.program(OTP_LOCK, AccessSize.BYTE, 0x00);
        assertThat(h.read(OTP_LOCK, AccessSize.BYTE).data()).isZero();

        h.write32(FLASH_CR, CR_PG | PSIZE_X32);
        h.write(OTP + 4, AccessSize.WORD, 0);
        assertThat(h.sr()).isEqualTo(SR_WRPERR);
        assertThat(h.read32(OTP + 4)).isEqualTo(-1);
        h.write32(FLASH_SR, SR_WRPERR);
        h.program(OTP + 32, AccessSize.WORD, 0);
        assertThat(h.read32(OTP + 32)).as("block 1 unlocked").isZero();
    }

    @Test
    void otpIsUntouchedByMassErase() {
        // §7.2 "OTP is not erased"; OTP can never be erased (§12.3)
        h.unlockFlash();
        h.program(OTP, AccessSize.WORD, 0);
        h.write32(FLASH_CR, CR_MER | CR_STRT);
        h.waitWhileBusy();
        assertThat(h.read32(OTP)).isZero();
    }
}
