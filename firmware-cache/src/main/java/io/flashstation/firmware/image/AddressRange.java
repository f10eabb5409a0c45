package io.flashstation.firmware.image;

/** A half-open address range [start, end). */
public record AddressRange(long start, long end) {

    /** Rejects empty and inverted ranges, which would only hide mistakes in the caller. */
    public AddressRange {
        if (end <= start) {
            throw new IllegalArgumentException("empty range " + start + ".." + end);
        }
    }

    public long length() {
        return end - start;
    }

    public boolean contains(long address) {
        return address >= start && address < end;
    }

    /** True when [from, to) lies entirely inside this range. */
    public boolean encloses(long from, long to) {
        return from >= start && to <= end;
    }

    @Override
    public String toString() {
        return Hex.range(start, end);
    }
}
