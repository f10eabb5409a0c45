package io.flashstation.probe.target;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.arm.AccessSize;
import io.flashstation.probe.arm.HostWaits;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.probe.target.FlashOperationException.Kind;
import io.flashstation.usb.HostClock;

/**
 * The STM32F4 flash interface at 0x40023C00, register by register: unlock, sector and mass erase, program mode,
 * status checks and the RDP regression (stm32f411-target.md §6, §7, §8). Waits for BSY on the probe's host clock,
 * polling at a pace derived from the operation's typical duration and giving up after its datasheet maximum.
 */
public final class FlashController {

    static final int BASE = 0x4002_3C00;
    static final int KEYR = BASE + 0x04;
    static final int OPTKEYR = BASE + 0x08;
    static final int SR = BASE + 0x0C;
    static final int CR = BASE + 0x10;
    /** FLASH_OPTCR: RDP byte and nWRP bits as loaded from the option bytes. */
    public static final int OPTCR = BASE + 0x14;

    static final int KEY1 = 0x4567_0123;
    static final int KEY2 = 0xCDEF_89AB;
    static final int OPTKEY1 = 0x0819_2A3B;
    static final int OPTKEY2 = 0x4C5D_6E7F;

    static final int SR_OPERR = 1 << 1;
    static final int SR_WRPERR = 1 << 4;
    static final int SR_PGAERR = 1 << 5;
    static final int SR_PGPERR = 1 << 6;
    static final int SR_PGSERR = 1 << 7;
    static final int SR_RDERR = 1 << 8;
    static final int SR_BSY = 1 << 16;
    static final int SR_ERRORS = SR_OPERR | SR_WRPERR | SR_PGAERR | SR_PGPERR | SR_PGSERR | SR_RDERR;

    static final int CR_PG = 1;
    static final int CR_SER = 1 << 1;
    static final int CR_MER = 1 << 2;
    static final int CR_SNB_SHIFT = 3;
    static final int CR_STRT = 1 << 16;
    static final int CR_LOCK = 1 << 31;

    static final int OPTCR_OPTLOCK = 1;
    static final int OPTCR_OPTSTRT = 1 << 1;
    static final int OPTCR_RDP_MASK = 0xFF << 8;

    private static final long MIN_POLL_NANOS = 200_000L;
    // polls within an operation's typical time: the last one lands up to a poll interval after BSY clears, so
    // a 4 s mass erase polled every 10 ms ends at most 10 ms late, for a status read a round trip long
    private static final int POLLS_PER_OPERATION = 400;

    private final MemAp mem;
    private final HostClock clock;

    public FlashController(MemAp mem) {
        this.mem = mem;
        this.clock = mem.debugPort().clock();
    }

    public int readStatus() throws ProbeException {
        return mem.readWord(SR);
    }

    public int readOptcr() throws ProbeException {
        return mem.readWord(OPTCR);
    }

    /** Unlocks FLASH_CR with the key sequence, only when it is locked: keys sent to an unlocked CR are an error (§6.3). */
    public void unlock() throws ProbeException {
        if ((mem.readWord(CR) & CR_LOCK) == 0) {
            return;
        }
        mem.writeWord(KEYR, KEY1);
        mem.writeWord(KEYR, KEY2);
        int cr = mem.readWord(CR);
        if ((cr & CR_LOCK) != 0) {
            throw new FlashOperationException(Kind.PROGRAM_FAILED,
                    String.format("the flash controller stayed locked after the key sequence (FLASH_CR 0x%08X)", cr));
        }
    }

    /** Clears PG/SER/MER and sets LOCK again. */
    public void lock() throws ProbeException {
        mem.writeWord(CR, CR_LOCK);
    }

    /** Erases one sector with SER/SNB/STRT at {@code psize} and waits for it (§8 "Sector erase"). */
    public void eraseSector(Sector sector, Psize psize) throws ProbeException {
        prepare();
        int cr = psize.crBits() | CR_SER | (sector.index() << CR_SNB_SHIFT);
        mem.writeWord(CR, cr);
        mem.writeWord(CR, cr | CR_STRT);
        int sr = awaitIdle(FlashTiming.typicalSectorEraseNanos(sector, psize),
                FlashTiming.maxSectorEraseNanos(sector, psize), "erase of sector " + sector.index());
        failOnErrors(sr, Kind.ERASE_FAILED, sector.address(), "erasing sector " + sector.index());
    }

    /** Erases all of main flash with MER/STRT at {@code psize} (§8 "Mass erase"). */
    public void massErase(Psize psize) throws ProbeException {
        prepare();
        int cr = psize.crBits() | CR_MER;
        mem.writeWord(CR, cr);
        mem.writeWord(CR, cr | CR_STRT);
        int sr = awaitIdle(FlashTiming.typicalMassEraseNanos(psize), FlashTiming.maxMassEraseNanos(psize),
                "mass erase");
        failOnErrors(sr, Kind.ERASE_FAILED, SectorLayout.FLASH_BASE, "mass erase");
    }

    /** Sets PG with {@code psize} once; every later flash write of that width then programs one unit. */
    public void startProgramming(Psize psize) throws ProbeException {
        prepare();
        mem.writeWord(CR, psize.crBits() | CR_PG);
    }

    /**
     * Programs {@code count} units from {@code address} (PG must be set, {@link #startProgramming}) and fails,
     * naming the block, if the controller flagged an error for any of them (the flags are sticky until cleared).
     * FLASH_SR is read in the same batch as the writes, after the last one has finished.
     */
    public void programBlock(AccessSize unit, int address, int[] units, int offset, int count)
            throws ProbeException {
        int sr = mem.writeBlockThenReadWord(unit, address, units, offset, count, SR);
        if ((sr & SR_BSY) != 0) {
            sr = awaitIdle(0, FlashTiming.PROGRAM_MAX_NANOS * Math.max(1, count), "programming");
        }
        failOnErrors(sr, Kind.PROGRAM_FAILED, address, "programming the block at " + hex(address));
    }

    /**
     * Drops RDP from level 1 to 0 by writing 0xAA to the RDP option byte: the chip mass-erases its flash first
     * (§7.2), so the wait is a mass erase's. The new level takes effect after a reset.
     */
    public void regressReadProtection() throws ProbeException {
        int optcr = readOptcr();
        if ((optcr & OPTCR_OPTLOCK) != 0) {
            mem.writeWord(OPTKEYR, OPTKEY1);
            mem.writeWord(OPTKEYR, OPTKEY2);
        }
        int image = (optcr & ~(OPTCR_RDP_MASK | OPTCR_OPTLOCK | OPTCR_OPTSTRT)) | (OptionBytesState.RDP_LEVEL_0 << 8);
        mem.writeWord(OPTCR, image);
        mem.writeWord(OPTCR, image | OPTCR_OPTSTRT);
        int sr = awaitIdle(FlashTiming.typicalMassEraseNanos(Psize.X8), FlashTiming.maxMassEraseNanos(Psize.X8),
                "read-protection regression");
        mem.writeWord(OPTCR, image | OPTCR_OPTLOCK);
        failOnErrors(sr, Kind.READ_PROTECTED, OPTCR, "removing read protection");
    }

    // waits for any earlier operation and clears flags it left, so that errors seen later are ours
    private void prepare() throws ProbeException {
        int sr = awaitIdle(0, FlashTiming.maxMassEraseNanos(Psize.X8), "an earlier flash operation");
        if ((sr & SR_ERRORS) != 0) {
            mem.writeWord(SR, sr & SR_ERRORS);
        }
    }

    private int awaitIdle(long typicalNanos, long maxNanos, String what) throws ProbeException {
        long pollNanos = Math.max(MIN_POLL_NANOS, typicalNanos / POLLS_PER_OPERATION);
        long deadline = clock.nanos() + 2 * maxNanos;
        int sr = readStatus();
        while ((sr & SR_BSY) != 0) {
            if (clock.nanos() >= deadline) {
                throw new FlashOperationException(Kind.TIMEOUT, "the flash stayed busy during the " + what
                        + " past twice the datasheet maximum");
            }
            HostWaits.sleep(clock, pollNanos);
            sr = readStatus();
        }
        return sr;
    }

    void failOnErrors(int sr, Kind kind, int address, String what) throws ProbeException {
        int errors = sr & SR_ERRORS;
        if (errors == 0) {
            return;
        }
        mem.writeWord(SR, errors);
        Kind reported = (errors & SR_WRPERR) != 0 && kind != Kind.READ_PROTECTED ? Kind.WRITE_PROTECTED : kind;
        throw new FlashOperationException(reported, address,
                String.format("the flash controller reported %s while %s (FLASH_SR 0x%08X)", describe(errors), what, sr));
    }

    static String describe(int errors) {
        StringBuilder names = new StringBuilder();
        String[] labels = {"OPERR", "WRPERR", "PGAERR", "PGPERR", "PGSERR", "RDERR"};
        int[] bits = {SR_OPERR, SR_WRPERR, SR_PGAERR, SR_PGPERR, SR_PGSERR, SR_RDERR};
        for (int i = 0; i < bits.length; i++) {
            if ((errors & bits[i]) != 0) {
                names.append(names.length() == 0 ? "" : "|").append(labels[i]);
            }
        }
        return names.toString();
    }

    private static String hex(int address) {
        return String.format("0x%08X", address);
    }
}
