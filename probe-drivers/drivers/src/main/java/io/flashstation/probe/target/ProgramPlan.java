package io.flashstation.probe.target;

import io.flashstation.probe.arm.AccessSize;
import java.util.ArrayList;
import java.util.List;

/**
 * The program operations an image needs at one parallelism: every unit (word at x32) that is not all ones, grouped
 * into runs of consecutive addresses. Erased flash already reads all ones, so those units are skipped (TIMING.md §5:
 * W = the words that are not 0xFFFFFFFF). Bytes a unit holds outside the image are padded with 0xFF, which
 * programming leaves unchanged.
 */
public final class ProgramPlan {

    private final List<ProgramRun> runs;
    private final AccessSize unit;

    private ProgramPlan(List<ProgramRun> runs, AccessSize unit) {
        this.runs = List.copyOf(runs);
        this.unit = unit;
    }

    public static ProgramPlan of(List<ImageSegment> segments, AccessSize unit) {
        List<ProgramRun> runs = new ArrayList<>();
        int size = unit.bytes();
        int erased = unit.valueMask();
        for (ImageSegment segment : segments) {
            long first = Integer.toUnsignedLong(segment.address()) & -size;
            long end = (segment.end() + size - 1) & -size;
            List<Integer> pending = new ArrayList<>();
            long pendingStart = first;
            for (long at = first; at < end; at += size) {
                int value = unitValue(segment, at, size);
                if (value == erased) {
                    flush(runs, pendingStart, pending);
                    pendingStart = at + size;
                } else {
                    pending.add(value);
                }
            }
            flush(runs, pendingStart, pending);
        }
        return new ProgramPlan(runs, unit);
    }

    public List<ProgramRun> runs() {
        return runs;
    }

    public AccessSize unit() {
        return unit;
    }

    /** Program operations in total. */
    public long units() {
        return runs.stream().mapToLong(ProgramRun::count).sum();
    }

    /** Bytes written by those operations. */
    public long bytes() {
        return units() * unit.bytes();
    }

    // little-endian value of the unit at `address`, 0xFF where the segment has no byte
    private static int unitValue(ImageSegment segment, long address, int size) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            long offset = address + i - Integer.toUnsignedLong(segment.address());
            int b = offset >= 0 && offset < segment.length() ? segment.byteAt((int) offset) : 0xFF;
            value |= b << (8 * i);
        }
        return value;
    }

    private static void flush(List<ProgramRun> runs, long start, List<Integer> pending) {
        if (!pending.isEmpty()) {
            runs.add(new ProgramRun((int) start, pending.stream().mapToInt(Integer::intValue).toArray()));
            pending.clear();
        }
    }
}
