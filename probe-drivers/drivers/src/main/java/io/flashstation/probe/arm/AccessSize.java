package io.flashstation.probe.arm;

/** The width of one MEM-AP access, with its CSW.Size encoding (adiv5-swd-jtag.md §6.2). */
public enum AccessSize {
    BYTE(1, 0b000),
    HALFWORD(2, 0b001),
    WORD(4, 0b010);

    private final int bytes;
    private final int cswSize;

    AccessSize(int bytes, int cswSize) {
        this.bytes = bytes;
        this.cswSize = cswSize;
    }

    public int bytes() {
        return bytes;
    }

    int cswSize() {
        return cswSize;
    }

    /** The mask of a value of this width. */
    public int valueMask() {
        return bytes == 4 ? -1 : (1 << (8 * bytes)) - 1;
    }
}
