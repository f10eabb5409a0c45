package io.flashstation.probe.target;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.probe.target.FlashOperationException.Kind;
import java.util.List;

/**
 * Erases, programs and verifies STM32F4 main flash through the MEM-AP. Programming sets PG once and streams the
 * plan's units through DRW auto-increment in large blocks: while a program operation runs the flash stalls the bus
 * and the probe's WAIT retries absorb it, so the stream runs at the flash's own pace. FLASH_SR is read with
 * every block, in the block's own batch.
 */
public final class FlashProgrammer {

    /** Units sent per block between status checks; also the progress granularity. */
    static final int BLOCK_BYTES = 16 * 1024;

    private final MemAp mem;
    private final FlashController flash;

    public FlashProgrammer(Stm32F4 chip) {
        this.mem = chip.memory();
        this.flash = chip.flash();
    }

    /** Runs the erase plan; progress counts bytes of sectors erased. */
    public void erase(ErasePlan plan, ByteProgress progress) throws ProbeException {
        long total = plan.sectors().stream().mapToLong(Sector::size).sum();
        flash.unlock();
        try {
            if (plan.massErase()) {
                flash.massErase(plan.psize());
                progress.progress(total, total);
                return;
            }
            long done = 0;
            for (Sector sector : plan.sectors()) {
                flash.eraseSector(sector, plan.psize());
                done += sector.size();
                progress.progress(done, total);
            }
        } finally {
            flash.lock();
        }
    }

    /** Programs every run of the plan at {@code psize}, whose access width must match the plan's unit. */
    public void program(ProgramPlan plan, Psize psize, ByteProgress progress) throws ProbeException {
        if (plan.unit() != psize.access()) {
            throw new IllegalArgumentException("a plan of " + plan.unit() + " units cannot be programmed at " + psize);
        }
        int unitBytes = plan.unit().bytes();
        int blockUnits = BLOCK_BYTES / unitBytes;
        long total = plan.bytes();
        long done = 0;
        flash.unlock();
        try {
            flash.startProgramming(psize);
            for (ProgramRun run : plan.runs()) {
                for (int offset = 0; offset < run.count(); offset += blockUnits) {
                    int n = Math.min(blockUnits, run.count() - offset);
                    int address = run.address() + offset * unitBytes;
                    flash.programBlock(plan.unit(), address, run.units(), offset, n);
                    done += (long) n * unitBytes;
                    progress.progress(done, total);
                }
            }
        } finally {
            flash.lock();
        }
    }

    /**
     * Reads the image's range back and compares it byte by byte; fails with VERIFY_MISMATCH at the first address
     * that differs.
     */
    public void verify(List<ImageSegment> segments, ByteProgress progress) throws ProbeException {
        long total = segments.stream().mapToLong(ImageSegment::length).sum();
        long done = 0;
        int[] words = new int[BLOCK_BYTES / 4];
        for (ImageSegment segment : segments) {
            long start = Integer.toUnsignedLong(segment.address());
            long alignedStart = start & -4L;
            long alignedEnd = (segment.end() + 3) & -4L;
            for (long block = alignedStart; block < alignedEnd; block += BLOCK_BYTES) {
                int count = (int) Math.min(words.length, (alignedEnd - block) / 4);
                mem.readWords((int) block, words, 0, count);
                done += compare(segment, block, words, count);
                progress.progress(done, total);
            }
        }
    }

    // compares the image bytes that fall into the words read at `block`; returns how many were compared
    private static int compare(ImageSegment segment, long block, int[] words, int count)
            throws FlashOperationException {
        long segmentStart = Integer.toUnsignedLong(segment.address());
        long from = Math.max(block, segmentStart);
        long to = Math.min(block + 4L * count, segment.end());
        for (long address = from; address < to; address++) {
            int offsetInBlock = (int) (address - block);
            int actual = (words[offsetInBlock >> 2] >>> (8 * (offsetInBlock & 3))) & 0xFF;
            int expected = segment.byteAt((int) (address - segmentStart));
            if (actual != expected) {
                throw new FlashOperationException(Kind.VERIFY_MISMATCH, (int) address, String.format(
                        "verify failed at 0x%08X: flash holds 0x%02X, the image 0x%02X", address, actual, expected));
            }
        }
        return (int) (to - from);
    }
}
