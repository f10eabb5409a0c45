package io.flashstation.sim.target;

import io.flashstation.sim.fault.FaultPlan;
import io.flashstation.sim.time.TimingProfile;
import io.flashstation.sim.time.VirtualClock;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A virtual chip on its own clock, with the register names and bus helpers the tests speak in. */
final class ChipHarness {

    static final int FLASH = 0x0800_0000;
    static final int FLASH_ACR = 0x4002_3C00;
    static final int FLASH_KEYR = 0x4002_3C04;
    static final int FLASH_OPTKEYR = 0x4002_3C08;
    static final int FLASH_SR = 0x4002_3C0C;
    static final int FLASH_CR = 0x4002_3C10;
    static final int FLASH_OPTCR = 0x4002_3C14;
    static final int KEY1 = 0x4567_0123;
    static final int KEY2 = 0xCDEF_89AB;
    static final int OPTKEY1 = 0x0819_2A3B;
    static final int OPTKEY2 = 0x4C5D_6E7F;

    static final int SR_EOP = 1;
    static final int SR_OPERR = 1 << 1;
    static final int SR_WRPERR = 1 << 4;
    static final int SR_PGAERR = 1 << 5;
    static final int SR_PGPERR = 1 << 6;
    static final int SR_PGSERR = 1 << 7;
    static final int SR_BSY = 1 << 16;

    static final int CR_PG = 1;
    static final int CR_SER = 1 << 1;
    static final int CR_MER = 1 << 2;
    static final int CR_STRT = 1 << 16;
    static final int CR_EOPIE = 1 << 24;
    static final int CR_ERRIE = 1 << 25;
    static final int CR_LOCK = 1 << 31;
    static final int PSIZE_X8 = 0;
    static final int PSIZE_X16 = 1 << 8;
    static final int PSIZE_X32 = 2 << 8;
    static final int PSIZE_X64 = 3 << 8;

    static final byte[] UID = {0x27, 0x00, 0x38, 0x00, 0x0E, 0x51, 0x37, 0x31, 0x32, 0x39, 0x38, 0x34};

    final VirtualClock clock = new VirtualClock();
    final FaultPlan faults = new FaultPlan();
    final List<Integer> ppbAccesses = new ArrayList<>();
    int powerLosses;
    final Stm32F4System chip;

    ChipHarness() {
        this(ChipVariant.STM32F411CE);
    }

    ChipHarness(ChipVariant variant) {
        AhbBus ppb = new AhbBus() {
            @Override
            public BusResponse read(int address, AccessSize size) {
                ppbAccesses.add(address);
                return BusResponse.okay(0x5EB0_0000 | (address & 0xFFFF), clock.nanos());
            }

            @Override
            public BusResponse write(int address, AccessSize size, int value) {
                ppbAccesses.add(address);
                return BusResponse.okay(0, clock.nanos());
            }
        };
        chip = new Stm32F4System(variant, UID, clock, TimingProfile.TYPICAL, faults, ppb, () -> powerLosses++);
    }

    BusResponse read(int address, AccessSize size) {
        return chip.read(address, size);
    }

    int read32(int address) {
        BusResponse response = chip.read(address, AccessSize.WORD);
        assertThat(response.ok()).as("read of 0x%08X answered", address).isTrue();
        return response.data();
    }

    BusResponse write(int address, AccessSize size, int value) {
        return chip.write(address, size, value);
    }

    void write32(int address, int value) {
        assertThat(chip.write(address, AccessSize.WORD, value).ok()).as("write to 0x%08X accepted", address).isTrue();
    }

    int sr() {
        return read32(FLASH_SR);
    }

    void unlockFlash() {
        write32(FLASH_KEYR, KEY1);
        write32(FLASH_KEYR, KEY2);
    }

    void unlockOptions() {
        write32(FLASH_OPTKEYR, OPTKEY1);
        write32(FLASH_OPTKEYR, OPTKEY2);
    }

    /** Lets virtual time pass until BSY clears, as a host polling SR would. */
    void waitWhileBusy() {
        clock.advanceTo(chip.busyUntilNanos());
        assertThat(sr() & SR_BSY).isZero();
    }

    /** Sector erase the way OpenOCD issues it: one CR write with SER | SNB | STRT (§12.3), then wait. */
    void eraseSector(int sector, int psize) {
        write32(FLASH_CR, CR_SER | sector << 3 | psize | CR_STRT);
        waitWhileBusy();
    }

    /** Programs one value of {@code size} at {@code address} with the matching PSIZE, then waits. */
    void program(int address, AccessSize size, int value) {
        int psize = switch (size) {
            case BYTE -> PSIZE_X8;
            case HALFWORD -> PSIZE_X16;
            case WORD -> PSIZE_X32;
        };
        write32(FLASH_CR, CR_PG | psize);
        assertThat(write(address, size, value).ok()).isTrue();
        waitWhileBusy();
    }

    /** Writes OPTCR through the OpenOCD sequence (§12.3 write_options): unlock, image, image | OPTSTRT, wait. */
    void commitOptcr(int image) {
        unlockOptions();
        write32(FLASH_OPTCR, image);
        write32(FLASH_OPTCR, image | 2);
        waitWhileBusy();
    }
}
