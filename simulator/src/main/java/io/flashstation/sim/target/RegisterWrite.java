package io.flashstation.sim.target;

/**
 * A write to a 32-bit register, placed on its byte lanes: a byte or half-word access only touches the lanes it
 * drives, so a W1C register clears nothing outside them and a storage register keeps its other bytes.
 *
 * @param value the written data, shifted to its lanes (zero elsewhere)
 * @param lanes ones on the lanes the access drives
 */
record RegisterWrite(int value, int lanes) {

    static RegisterWrite of(int address, AccessSize size, int data) {
        int shift = LittleEndian.laneShift(address);
        return new RegisterWrite((data & size.mask()) << shift, size.mask() << shift);
    }

    /** Reads a register the way an access of {@code size} at {@code address} sees it (right-aligned). */
    static int readLanes(int register, int address, AccessSize size) {
        return (register >>> LittleEndian.laneShift(address)) & size.mask();
    }

    boolean wholeWord() {
        return lanes == -1;
    }

    /** The register after this write, for plain read/write storage. */
    int mergeInto(int old) {
        return (old & ~lanes) | value;
    }
}
