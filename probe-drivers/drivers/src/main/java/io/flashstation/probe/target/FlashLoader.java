package io.flashstation.probe.target;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.arm.HostWaits;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.probe.target.FlashOperationException.Kind;
import io.flashstation.usb.HostClock;

/**
 * Programs flash through our double-buffered loader (src/main/loader/flash-loader.S) running on the core at 64 MHz:
 * the host writes a buffer of words into SRAM, hands it over in a control slot, and fills the other buffer while
 * the core programs the first. The debug port then only ever writes SRAM, which never stalls, so a probe that
 * cannot wait out a busy flash at full speed (ST-Link, J-Link) streams at its own pace while the flash works at
 * its own. Words only (PSIZE x32); other sizes throw {@link RoutineUnavailableException} so the caller programs from
 * the host.
 */
public final class FlashLoader {

    static final int CONTROL = 0x2000_0100;
    static final int BUFFER_BYTES = 16 * 1024;
    static final int[] BUFFERS = {0x2000_0200, 0x2000_0200 + BUFFER_BYTES};
    static final int FLASH_INTERFACE = 0x4002_3C00;
    static final int SLOT_BYTES = 16;
    static final int STATE_OFFSET = 8;
    static final int STATE_FREE = 0;
    static final int STATE_FILLED = 1;
    static final int STATE_STOP = 2;
    static final int STATE_FAILED = 0x8000_0000;
    private static final int BREAKPOINT = 0x5D;
    /** One program operation (TIMING.md §1) plus the loader's own dozen cycles per word at 64 MHz. */
    private static final long WORD_NANOS = FlashTiming.PROGRAM_TYPICAL_NANOS + TargetRoutine.nanosOf(12);
    private static final long POLL_NANOS = 100_000;

    private final MemAp mem;
    private final FlashController flash;
    private final TargetRoutine routine;
    private final HostClock clock;
    private final long[] freeAt = new long[2];
    private final int[] slotAddress = new int[2];
    private long loaderBusyUntil;

    public FlashLoader(Stm32F4 chip) {
        this.mem = chip.memory();
        this.flash = chip.flash();
        this.routine = new TargetRoutine(mem, "flash-loader.bin", BREAKPOINT);
        this.clock = routine.clock();
    }

    /** Programs every run of the plan; the core must be halted and the sectors erased. */
    public void program(ProgramPlan plan, Psize psize, ByteProgress progress)
            throws ProbeException, RoutineUnavailableException {
        if (psize != Psize.X32 || plan.unit() != psize.access()) {
            throw new RoutineUnavailableException("the loader programs words (PSIZE x32), not " + psize);
        }
        long total = plan.bytes();
        long done = 0;
        flash.unlock();
        try {
            flash.startProgramming(psize);
            mem.writeWords(CONTROL, new int[2 * SLOT_BYTES / 4], 0, 2 * SLOT_BYTES / 4);
            routine.start(CONTROL, BUFFERS[0], BUFFERS[1], FLASH_INTERFACE);
            loaderBusyUntil = clock.nanos();
            int slot = 0;
            int chunkWords = BUFFER_BYTES / 4;
            for (ProgramRun run : plan.runs()) {
                for (int offset = 0; offset < run.count(); offset += chunkWords) {
                    int words = Math.min(chunkWords, run.count() - offset);
                    int address = run.address() + 4 * offset;
                    awaitFree(slot);
                    mem.writeWords(BUFFERS[slot], run.units(), offset, words);
                    mem.writeWords(CONTROL + SLOT_BYTES * slot, new int[] {address, words, STATE_FILLED}, 0, 3);
                    slotAddress[slot] = address;
                    loaderBusyUntil = Math.max(clock.nanos(), loaderBusyUntil) + words * WORD_NANOS;
                    freeAt[slot] = loaderBusyUntil;
                    done += 4L * words;
                    progress.progress(done, total);
                    slot ^= 1;
                }
            }
            awaitFree(slot ^ 1);
            awaitFree(slot);
            mem.writeWord(stateOf(slot), STATE_STOP);
            routine.awaitBreakpoint(TargetRoutine.nanosOf(100));
        } finally {
            flash.lock();
        }
    }

    // waits for the loader to hand the slot back; a failure it reports is the flash controller's
    private void awaitFree(int slot) throws ProbeException, RoutineUnavailableException {
        long deadline = Math.max(clock.nanos(), freeAt[slot]) + BUFFER_BYTES / 4 * FlashTiming.PROGRAM_MAX_NANOS;
        HostWaits.sleep(clock, Math.max(0, freeAt[slot] - clock.nanos()));
        while (true) {
            int state = mem.readWord(stateOf(slot));
            if (state == STATE_FREE) {
                return;
            }
            if ((state & STATE_FAILED) != 0) {
                flash.failOnErrors(state & ~STATE_FAILED, Kind.PROGRAM_FAILED, slotAddress[slot],
                        String.format("the loader programmed the block at 0x%08X", slotAddress[slot]));
            }
            if (clock.nanos() >= deadline) {
                throw new RoutineUnavailableException("the loader stopped handing buffers back");
            }
            HostWaits.sleep(clock, POLL_NANOS);
        }
    }

    private static int stateOf(int slot) {
        return CONTROL + SLOT_BYTES * slot + STATE_OFFSET;
    }
}
