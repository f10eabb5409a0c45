package io.flashstation.sim.target;

/** One address range of the system bus and the slave answering it, addressed by offset from {@code base}. */
record MappedRegion(long base, long size, Reader reader, Writer writer) {

    /** Reads {@code size} at {@code offset}, issued at virtual time {@code now}. */
    interface Reader {
        BusResponse read(int offset, AccessSize size, long now);
    }

    /** Writes {@code value} (right-aligned) at {@code offset}, issued at virtual time {@code now}. */
    interface Writer {
        BusResponse write(int offset, AccessSize size, int value, long now);
    }

    /** Writes to read-only memory answer a bus error. */
    static final Writer READ_ONLY = (offset, size, value, now) -> BusResponse.error(now);

    boolean contains(long address) {
        return address >= base && address < base + size;
    }
}
