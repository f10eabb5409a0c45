package io.flashstation.sim.stlink;

/** The MEM-AP transfer sizes the ST-Link memory commands use, with their CSW.Size encoding. */
enum AccessWidth {
    BYTE(1, 0b000), HALF_WORD(2, 0b001), WORD(4, 0b010);

    private final int bytes;
    private final int cswSize;

    AccessWidth(int bytes, int cswSize) {
        this.bytes = bytes;
        this.cswSize = cswSize;
    }

    int bytes() {
        return bytes;
    }

    int cswSize() {
        return cswSize;
    }
}
