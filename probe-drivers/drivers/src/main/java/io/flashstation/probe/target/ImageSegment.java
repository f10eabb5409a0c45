package io.flashstation.probe.target;

import java.util.Arrays;

/** A run of bytes to be placed at an address in target memory. */
public record ImageSegment(int address, byte[] bytes) {

    public ImageSegment {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The byte at {@code offset} without copying the array. */
    public int byteAt(int offset) {
        return bytes[offset] & 0xFF;
    }

    public long end() {
        return Integer.toUnsignedLong(address) + bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImageSegment that && address == that.address && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * address + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return String.format("ImageSegment[0x%08X, %d bytes]", address, bytes.length);
    }
}
