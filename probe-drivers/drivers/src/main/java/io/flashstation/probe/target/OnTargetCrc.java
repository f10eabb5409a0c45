package io.flashstation.probe.target;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.arm.MemAp;
import io.flashstation.probe.target.FlashOperationException.Kind;
import java.util.List;

/**
 * Verifies flash with a CRC the chip computes itself: our routine (src/main/loader/crc32.S) runs from SRAM on the
 * halted core at 64 MHz ({@link TargetRoutine}), so only a few words cross the wire per segment instead of the whole
 * image. A CRC mismatch is located by reading the segment back.
 */
public final class OnTargetCrc {

    /** The routine's 1 KiB table, after the code. */
    static final int TABLE = 0x2000_0400;
    /** The routine's own table build, in cycles (crc32.S), and its cost per byte with two flash wait states. */
    static final long SETUP_CYCLES = 4_200;
    static final long CYCLES_PER_BYTE = 11;
    private static final int BREAKPOINT = 0x5C;

    private final TargetRoutine routine;

    public OnTargetCrc(MemAp mem) {
        this.routine = new TargetRoutine(mem, "crc32.bin", BREAKPOINT);
    }

    /**
     * Checks that flash holds every segment: one CRC per segment computed on the core and compared with the host's;
     * a mismatch is located by read-back and reported as VERIFY_MISMATCH. The core must be halted; it is left
     * halted on the routine's breakpoint, for the reset that ends a session.
     */
    public void verify(List<ImageSegment> segments, ByteProgress progress, FlashProgrammer readBack)
            throws ProbeException, RoutineUnavailableException {
        long total = segments.stream().mapToLong(ImageSegment::length).sum();
        long done = 0;
        for (ImageSegment segment : segments) {
            int expected = Crc32Mpeg2.INITIAL;
            for (int i = 0; i < segment.length(); i++) {
                expected = Crc32Mpeg2.update(expected, segment.byteAt(i));
            }
            int actual = crcOf(segment.address(), segment.length());
            if (actual != expected) {
                readBack.verify(List.of(segment), ByteProgress.NONE);
                throw new FlashOperationException(Kind.VERIFY_MISMATCH, segment.address(), String.format(
                        "verify failed: the chip's CRC of 0x%08X..+%d is 0x%08X, the image's 0x%08X",
                        segment.address(), segment.length(), actual, expected));
            }
            done += segment.length();
            progress.progress(done, total);
        }
    }

    /** The CRC the core computes over {@code length} bytes at {@code address}. */
    int crcOf(int address, int length) throws ProbeException, RoutineUnavailableException {
        routine.start(address, length, TABLE);
        routine.awaitBreakpoint(TargetRoutine.nanosOf(SETUP_CYCLES + CYCLES_PER_BYTE * Integer.toUnsignedLong(length)));
        return routine.register(0);
    }
}
