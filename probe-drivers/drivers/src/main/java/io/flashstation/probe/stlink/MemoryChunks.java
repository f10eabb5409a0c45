package io.flashstation.probe.stlink;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a memory transfer into ST-Link commands (stlink.md §5.2–5.3): none longer than the firmware's limit for
 * its width, and none crossing an auto-increment boundary, where the MEM-AP's TAR stops incrementing (1 KiB by
 * ADIv5; 4 KiB on Cortex-M3/M4).
 */
final class MemoryChunks {

    /** One command's share of a transfer: target address and byte count, and where it starts in the caller's data. */
    record Chunk(int address, int length, int dataOffset) {
    }

    private MemoryChunks() {
    }

    static List<Chunk> split(int address, int length, int maxBytes, int boundary) {
        if (maxBytes <= 0 || boundary <= 0 || Integer.bitCount(boundary) != 1) {
            throw new IllegalArgumentException("bad limits: max " + maxBytes + ", boundary " + boundary);
        }
        List<Chunk> chunks = new ArrayList<>();
        long next = Integer.toUnsignedLong(address);
        int done = 0;
        while (done < length) {
            long toBoundary = boundary - (next & (boundary - 1));
            int size = (int) Math.min(Math.min(maxBytes, toBoundary), length - done);
            chunks.add(new Chunk((int) next, size, done));
            next += size;
            done += size;
        }
        return chunks;
    }
}
