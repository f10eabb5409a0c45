package io.flashstation.probe.target;

/** One flash sector: its number (SNB), first address and size in bytes. */
public record Sector(int index, int address, int size) {

    /** The address just past the sector. */
    public long end() {
        return Integer.toUnsignedLong(address) + size;
    }

    public boolean overlaps(long start, long endExclusive) {
        return start < end() && Integer.toUnsignedLong(address) < endExclusive;
    }
}
