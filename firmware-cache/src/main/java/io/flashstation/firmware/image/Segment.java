package io.flashstation.firmware.image;

import java.util.Arrays;

/** A run of bytes to be written at consecutive addresses starting at {@code address}. */
public final class Segment {

    private final long address;
    private final byte[] data;

    /** Copies {@code data} so that an image, once built, cannot change under the flash code. */
    public Segment(long address, byte[] data) {
        if (address < 0 || address > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("address outside the 32-bit space: 0x" + Long.toHexString(address));
        }
        if (data.length == 0) {
            throw new IllegalArgumentException("empty segment at " + Hex.address(address));
        }
        if (address + data.length > 0x1_0000_0000L) {
            throw new IllegalArgumentException("segment at " + Hex.address(address) + " runs past the 32-bit space");
        }
        this.address = address;
        this.data = data.clone();
    }

    public long address() {
        return address;
    }

    /** One past the last address this segment writes. */
    public long end() {
        return address + data.length;
    }

    public int length() {
        return data.length;
    }

    /** A copy of the bytes. */
    public byte[] data() {
        return data.clone();
    }

    /** The byte at an absolute address inside this segment. */
    public byte byteAt(long absoluteAddress) {
        if (!contains(absoluteAddress)) {
            throw new IndexOutOfBoundsException(Hex.address(absoluteAddress) + " is not in " + this);
        }
        return data[(int) (absoluteAddress - address)];
    }

    public boolean contains(long absoluteAddress) {
        return absoluteAddress >= address && absoluteAddress < end();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Segment other && other.address == address && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(address) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "segment " + Hex.range(address, end());
    }
}
