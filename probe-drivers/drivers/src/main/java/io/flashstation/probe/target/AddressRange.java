package io.flashstation.probe.target;

/** A span of target addresses with nothing to write in it, e.g. flash to be erased but left blank. */
public record AddressRange(int address, int length) {

    public AddressRange {
        if (length <= 0) {
            throw new IllegalArgumentException("an address range needs a positive length, not " + length);
        }
    }

    public long end() {
        return Integer.toUnsignedLong(address) + length;
    }

    /** True when this range shares at least one byte with {@code length} bytes from {@code start}. */
    public boolean overlaps(int start, int length) {
        long otherStart = Integer.toUnsignedLong(start);
        return otherStart < end() && Integer.toUnsignedLong(address) < otherStart + length;
    }

    @Override
    public String toString() {
        return String.format("0x%08X-0x%08X", address, end() - 1);
    }
}
