package io.flashstation.sim.target;

/** Width of one bus access. */
public enum AccessSize {
    BYTE(1), HALFWORD(2), WORD(4);

    private final int bytes;

    AccessSize(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    /** All ones in the low {@code bytes()*8} bits. */
    public int mask() {
        return bytes == 4 ? -1 : (1 << (bytes * 8)) - 1;
    }
}
