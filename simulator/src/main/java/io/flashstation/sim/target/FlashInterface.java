package io.flashstation.sim.target;

import io.flashstation.sim.fault.FaultPlan;
import io.flashstation.sim.time.TimingProfile;

/**
 * The embedded flash interface at 0x40023C00 and the two arrays it guards, main flash and OTP
 * (stm32f411-target.md §§3, 6, 7, 8). It answers register accesses and the bus accesses to flash that the
 * system bus routes here. An access to flash (main or OTP, read or write) issued while BSY is set stalls: it is
 * carried out as of the instant BSY clears, after the operation has taken effect, and its response carries that
 * instant as {@code readyAtNanos}. Register accesses never stall.
 * <p>
 * Choices where the sheet is silent or UNCONFIRMED, kept consistent throughout:
 * <ul>
 *   <li>A refused program or erase sets exactly one cause flag, checked in the order PGSERR (sequence), WRPERR
 *       (protection), PGPERR (width), PGAERR (alignment); the bus access itself completes without a bus error
 *       (the RM describes PGSERR as a status flag and never as an AHB error).</li>
 *   <li>A flash write counts as correctly set up only with PG=1 and SER=MER=0; STRT counts only with exactly one of
 *       SER and MER and a sector number the part has. STRT or OPTSTRT while BSY is a sequence error (PGSERR) and
 *       starts nothing.</li>
 *   <li>PSIZE=x64: F411 packages have no VPP pin, so no such programming was observed; it is modelled as the RM's
 *       double word: two consecutive word writes, one program operation long. The RM0090 §3.5.4 row rule gives
 *       PGAERR when the pair would cross a 128-bit row (first word in the last word of a row) or when the second
 *       write does not follow the first. Erase timing for x64 is that of x32 (TIMING.md).</li>
 *   <li>Mass erase of a 256 KiB part lasts the 512 KiB time scaled by size (DERIVED).</li>
 *   <li>Option programming without an RDP regression keeps BSY for one 16 KiB sector erase at the current PSIZE
 *       (DERIVED: the option bytes are rewritten as a small flash sector); a 1→0 regression takes a mass-erase
 *       time and mass-erases main flash first (§7.2), whatever nWRP says.</li>
 *   <li>An OTP block whose lock byte reads 0x00 refuses programming with WRPERR; OTP is never erased.</li>
 * </ul>
 */
final class FlashInterface {

    static final int MAIN_FLASH_BASE = 0x0800_0000;
    static final int OTP_BASE = 0x1FFF_7800;
    static final int OTP_DATA_BYTES = 512;
    private static final int OTP_BLOCK_BYTES = 32;
    private static final int OTP_LOCK_BYTES = 16;

    private static final int ACR = 0x00;
    private static final int KEYR = 0x04;
    private static final int OPTKEYR = 0x08;
    private static final int SR = 0x0C;
    private static final int CR = 0x10;
    private static final int OPTCR = 0x14;

    private static final int ACR_BITS = 0x1F0F;
    private static final int KEY1 = 0x4567_0123;
    private static final int KEY2 = 0xCDEF_89AB;

    private static final int PG = 1;
    private static final int SER = 1 << 1;
    private static final int MER = 1 << 2;
    private static final int SNB_SHIFT = 3;
    private static final int SNB_MASK = 0xF << SNB_SHIFT;
    private static final int PSIZE_SHIFT = 8;
    private static final int PSIZE_MASK = 3 << PSIZE_SHIFT;
    private static final int PSIZE_X64 = 3;
    private static final int STRT = 1 << 16;
    private static final int EOPIE = 1 << 24;
    private static final int ERRIE = 1 << 25;
    private static final int LOCK = 1 << 31;
    private static final int CR_STORED = PG | SER | MER | SNB_MASK | PSIZE_MASK | EOPIE | ERRIE;

    /** Offset bits inside one 128-bit flash row (§3). */
    private static final int ROW_MASK = 0xF;
    private static final int SMALL_SECTOR_BYTES = 16 * 1024;
    private static final int MASS_ERASE_REFERENCE_BYTES = 512 * 1024;

    private final FlashGeometry geometry;
    private final FlashCells main;
    private final FlashCells otp;
    private final TimingProfile timing;
    private final FaultPlan faults;
    private final FlashSequencer sequencer;
    private final FlashStatus status = new FlashStatus();
    private final UnlockSequence keys = new UnlockSequence(KEY1, KEY2);
    private final OptionControl options;

    private int acr;
    private int cr;
    private boolean debuggerAttached;
    private DoubleWordHalf pendingLowWord;

    /** The first word of an x64 double word, waiting for its second. */
    private record DoubleWordHalf(FlashCells cells, int offset, int value) {
    }

    FlashInterface(ChipVariant variant, TimingProfile timing, FaultPlan faults, Runnable brownout) {
        this.geometry = new FlashGeometry(variant.flashBytes());
        this.main = new FlashCells(variant.flashBytes(), MAIN_FLASH_BASE, faults);
        this.otp = new FlashCells(OTP_DATA_BYTES + OTP_LOCK_BYTES, OTP_BASE, faults);
        this.timing = timing;
        this.faults = faults;
        this.sequencer = new FlashSequencer(faults, () -> status.completed((cr & EOPIE) != 0), brownout);
        this.options = new OptionControl(OptionBytes.factoryDefault());
        reset();
    }

    /** Registers back to reset values, option bytes reloaded; an operation in progress stops where it got to. */
    void reset(long now) {
        sequencer.abort(now);
        reset();
    }

    private void reset() {
        acr = 0;
        cr = 0;
        pendingLowWord = null;
        status.reset();
        keys.reset();
        options.reset();
    }

    /** FLASH_ACR.LATENCY: the wait states a core read of the flash array takes (§6.1). */
    int waitStates() {
        return acr & 0xF;
    }

    // --- the register block ----------------------------------------------------------------------

    BusResponse readRegister(int offset, AccessSize size, long now) {
        sequencer.settle(now);
        int word = switch (offset & ~3) {
            case ACR -> acr;
            case SR -> status.read(sequencer.busy(now));
            case CR -> cr | (keys.unlocked() ? 0 : LOCK)
                    | (sequencer.runningKind(now) == FlashOperation.Kind.ERASE ? STRT : 0);
            case OPTCR -> options.read(sequencer.runningKind(now) == FlashOperation.Kind.OPTION);
            default -> 0; // KEYR and OPTKEYR are write-only; the rest of the block is reserved
        };
        return BusResponse.okay(RegisterWrite.readLanes(word, offset, size), now);
    }

    BusResponse writeRegister(int offset, AccessSize size, int value, long now) {
        sequencer.settle(now);
        RegisterWrite write = RegisterWrite.of(offset, size, value);
        boolean accepted = switch (offset & ~3) {
            case ACR -> {
                acr = write.mergeInto(acr) & ACR_BITS;
                yield true;
            }
            case KEYR -> keys.offer(write);
            case OPTKEYR -> options.writeKey(write);
            case SR -> {
                status.writeOneToClear(write);
                yield true;
            }
            case CR -> {
                writeControl(write, now);
                yield true;
            }
            case OPTCR -> {
                if (options.write(write)) {
                    startOptionProgramming(now);
                }
                yield true;
            }
            default -> true;
        };
        return accepted ? BusResponse.okay(0, now) : BusResponse.error(now);
    }

    // CR writes while LOCK is set are ignored (the sheet's §8 leaves "ignored vs bus error" open).
    private void writeControl(RegisterWrite write, long now) {
        if (!keys.unlocked()) {
            return;
        }
        int merged = write.mergeInto(cr);
        cr = merged & CR_STORED;
        if ((merged & STRT) != 0) {
            startErase(now);
        }
        if ((merged & LOCK) != 0) {
            keys.lock();
        }
    }

    private int psize() {
        return (cr & PSIZE_MASK) >>> PSIZE_SHIFT;
    }

    private boolean errorInterruptEnabled() {
        return (cr & ERRIE) != 0;
    }

    private void refuse(int cause) {
        status.refuse(cause, errorInterruptEnabled());
    }

    // §7.2: at RDP level 1 a connected debugger may neither read, program nor erase main flash.
    private boolean debugLockedOut() {
        return debuggerAttached && options.effective().rdpLevel() == 1;
    }

    private void startErase(long now) {
        boolean sectorErase = (cr & SER) != 0;
        if (sequencer.busy(now) || sectorErase == ((cr & MER) != 0)) {
            refuse(FlashStatus.PGSERR);
            return;
        }
        if (sectorErase) {
            int sector = (cr & SNB_MASK) >>> SNB_SHIFT;
            if (sector >= geometry.sectorCount()) {
                refuse(FlashStatus.PGSERR);
            } else if (debugLockedOut() || options.effective().writeProtected(sector)) {
                refuse(FlashStatus.WRPERR);
            } else {
                long nanos = timing.sectorEraseNanos(geometry.size(sector), psize());
                sequencer.start(FlashOperation.sectorErase(main, geometry, sector, faults, nanos), now);
            }
        } else if (debugLockedOut() || anySectorWriteProtected()) {
            refuse(FlashStatus.WRPERR); // mass erase with a protected sector: refused (§7.3, UNCONFIRMED detail)
        } else {
            sequencer.start(massErase(), now);
        }
    }

    private boolean anySectorWriteProtected() {
        for (int sector = 0; sector < geometry.sectorCount(); sector++) {
            if (options.effective().writeProtected(sector)) {
                return true;
            }
        }
        return false;
    }

    private FlashOperation massErase() {
        long nanos = timing.massEraseNanos(psize()) * geometry.totalBytes() / MASS_ERASE_REFERENCE_BYTES;
        return FlashOperation.massErase(main, geometry, faults, nanos);
    }

    // §7.2: level 2 is final; a 1→0 regression mass-erases main flash as part of the option programming.
    private void startOptionProgramming(long now) {
        if (sequencer.busy(now)) {
            refuse(FlashStatus.PGSERR);
            return;
        }
        OptionBytes current = options.committed();
        if (current.rdpLevel() == 2) {
            refuse(FlashStatus.WRPERR);
            return;
        }
        OptionBytes next = options.pendingImage();
        boolean regression = current.rdpLevel() == 1 && next.rdpLevel() == 0;
        FlashOperation securityErase = regression ? massErase() : null;
        long nanos = regression ? securityErase.durationNanos()
                : timing.sectorEraseNanos(SMALL_SECTOR_BYTES, psize());
        sequencer.start(FlashOperation.optionCommit(() -> options.commit(next), securityErase, nanos), now);
    }

    // --- the flash arrays ------------------------------------------------------------------------

    /** The instant an access to flash issued at {@code now} goes ahead: after the operation in progress. */
    private long flashAccessTime(long now) {
        long at = Math.max(now, sequencer.busyUntil());
        sequencer.settle(at);
        return at;
    }

    BusResponse readMain(int offset, AccessSize size, long now) {
        long at = flashAccessTime(now);
        if (debugLockedOut()) {
            return BusResponse.error(at);
        }
        if (options.effective().readProtected(geometry.sectorOf(offset))) {
            status.readProtectionViolated();
            return BusResponse.error(at);
        }
        return BusResponse.okay(main.read(offset, size), at);
    }

    BusResponse writeMain(int offset, AccessSize size, int value, long now) {
        long at = flashAccessTime(now);
        boolean protectedTarget = debugLockedOut() || options.effective().writeProtected(geometry.sectorOf(offset));
        program(main, offset, size, value, protectedTarget, at);
        return BusResponse.okay(0, at);
    }

    BusResponse readOtp(int offset, AccessSize size, long now) {
        long at = flashAccessTime(now);
        return BusResponse.okay(otp.read(offset, size), at);
    }

    BusResponse writeOtp(int offset, AccessSize size, int value, long now) {
        long at = flashAccessTime(now);
        boolean lockedBlock = offset < OTP_DATA_BYTES && otp.rawByte(OTP_DATA_BYTES + offset / OTP_BLOCK_BYTES) == 0;
        program(otp, offset, size, value, lockedBlock, at);
        return BusResponse.okay(0, at);
    }

    private void program(FlashCells cells, int offset, AccessSize size, int value, boolean protectedTarget, long at) {
        if (!keys.unlocked() || (cr & (PG | SER | MER)) != PG) {
            refuse(FlashStatus.PGSERR);
        } else if (protectedTarget) {
            refuse(FlashStatus.WRPERR);
        } else if (psize() == PSIZE_X64) {
            programDoubleWordHalf(cells, offset, size, value, at);
        } else if (size.bytes() != 1 << psize()) {
            refuse(FlashStatus.PGPERR);
        } else {
            startProgram(cells, offset, LittleEndian.bytes(value, size.bytes()), at);
        }
    }

    private void programDoubleWordHalf(FlashCells cells, int offset, AccessSize size, int value, long at) {
        DoubleWordHalf low = pendingLowWord;
        pendingLowWord = null;
        if (size != AccessSize.WORD) {
            refuse(FlashStatus.PGPERR);
        } else if (low == null && (offset & ROW_MASK) != ROW_MASK - 3) {
            pendingLowWord = new DoubleWordHalf(cells, offset, value);
        } else if (low == null || low.cells() != cells || offset != low.offset() + 4) {
            refuse(FlashStatus.PGAERR);
        } else {
            byte[] data = new byte[8];
            System.arraycopy(LittleEndian.bytes(low.value(), 4), 0, data, 0, 4);
            System.arraycopy(LittleEndian.bytes(value, 4), 0, data, 4, 4);
            startProgram(cells, low.offset(), data, at);
        }
    }

    private void startProgram(FlashCells cells, int offset, byte[] data, long at) {
        sequencer.start(FlashOperation.program(cells, offset, data, timing.programNanos()), at);
    }

    // --- board-level views -----------------------------------------------------------------------

    void settle(long now) {
        sequencer.settle(now);
    }

    long busyUntil() {
        return sequencer.busyUntil();
    }

    void setDebuggerAttached(boolean attached) {
        debuggerAttached = attached;
    }

    int otpSize() {
        return otp.size();
    }

    OptionControl options() {
        return options;
    }

    FlashCells main() {
        return main;
    }

    FlashSequencer sequencer() {
        return sequencer;
    }
}
