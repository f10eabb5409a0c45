package io.flashstation.probe.arm;

import io.flashstation.probe.ProbeException;

/** A MEM-AP access ended in a bus error (STICKYERR): unmapped or protected memory. The DP has been cleared. */
public class MemoryFaultException extends ProbeException {

    private final int address;

    public MemoryFaultException(int address, String message, Throwable cause) {
        super(message, cause);
        this.address = address;
    }

    /** The first address of the access (or block of accesses) that failed. */
    public int address() {
        return address;
    }
}
