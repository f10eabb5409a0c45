package io.flashstation.sim.stlink;

/**
 * Memory transfers through a MEM-AP as the firmware drives them: CSW when it changes, TAR at the start and at
 * every 1 KiB boundary (the auto-increment range ADIv5 guarantees), DRW accesses with posted reads collected by
 * RDBUFF, sub-word data on their byte lanes (adiv5-swd-jtag.md §§6–7). A FAULT clears the sticky flags so the
 * next command starts clean; the failing address is kept for GETLASTRWSTATUS2.
 */
final class MemoryAccessPort {

    static final int CSW = 0x00;
    static final int TAR = 0x04;
    static final int DRW = 0x0C;
    /** CSW.AddrInc = single. */
    private static final int CSW_INCREMENT_SINGLE = 0x10;
    /** Auto-increment is guaranteed within 1 KiB only; TAR is rewritten at each boundary. */
    private static final int AUTO_INCREMENT_BLOCK = 1024;

    private final SwdEngine swd;
    private final int[] cswCache = new int[256];
    private final boolean[] cswKnown = new boolean[256];
    private int cacheGeneration = -1;
    private int lastAccessAddress;
    private boolean anyAccessIssued;

    MemoryAccessPort(SwdEngine swd) {
        this.swd = swd;
    }

    /** Outcome of a failed transfer: the status to report and the address of the access that failed. */
    static final class TransferFault extends Exception {
        private final int status;
        private final int address;

        TransferFault(int status, int address, String message) {
            super(message, null, false, false);
            this.status = status;
            this.address = address;
        }

        int status() {
            return status;
        }

        int address() {
            return address;
        }
    }

    /** Reads {@code length} bytes into {@code into}; on failure the bytes not read stay zero. */
    void read(int ap, int cswBase, int address, byte[] into, int length, AccessWidth width, boolean increment)
            throws TransferFault {
        anyAccessIssued = false;
        int count = length / width.bytes();
        try {
            setCsw(ap, cswBase | (increment ? CSW_INCREMENT_SINGLE : 0) | width.cswSize());
            int done = 0;
            while (done < count) {
                int at = address + (increment ? done * width.bytes() : 0);
                int run = increment ? Math.min(count - done, wordsToBoundary(at, width)) : count - done;
                swd.writeAp(ap, TAR, at);
                for (int i = 0; i < run; i++) {
                    int previous = swd.postApRead(ap, DRW);
                    noteAccess(at + (increment ? i * width.bytes() : 0));
                    if (i > 0) {
                        store(into, done + i - 1, previous, at, i - 1, width, increment);
                    }
                }
                store(into, done + run - 1, swd.readRdbuff(), at, run - 1, width, increment);
                done += run;
            }
        } catch (StlinkError e) {
            throw fault(e, address);
        }
    }

    /** Writes {@code length} bytes from {@code from}; the final RDBUFF read makes the last write's error visible. */
    void write(int ap, int cswBase, int address, byte[] from, int length, AccessWidth width, boolean increment)
            throws TransferFault {
        anyAccessIssued = false;
        int count = length / width.bytes();
        try {
            setCsw(ap, cswBase | (increment ? CSW_INCREMENT_SINGLE : 0) | width.cswSize());
            int done = 0;
            while (done < count) {
                int at = address + (increment ? done * width.bytes() : 0);
                int run = increment ? Math.min(count - done, wordsToBoundary(at, width)) : count - done;
                swd.writeAp(ap, TAR, at);
                for (int i = 0; i < run; i++) {
                    int target = at + (increment ? i * width.bytes() : 0);
                    swd.writeAp(ap, DRW, load(from, (done + i) * width.bytes(), target, width));
                    noteAccess(target);
                }
                done += run;
            }
            swd.readRdbuff();
        } catch (StlinkError e) {
            throw fault(e, address);
        }
    }

    /** Forgets the CSW written to an AP (the host wrote it itself, or the AP was re-initialised). */
    void forgetCsw(int ap) {
        cswKnown[ap & 0xFF] = false;
    }

    private void setCsw(int ap, int csw) throws StlinkError {
        if (cacheGeneration != swd.generation()) {
            java.util.Arrays.fill(cswKnown, false);
            cacheGeneration = swd.generation();
        }
        int index = ap & 0xFF;
        if (cswKnown[index] && cswCache[index] == csw) {
            return;
        }
        cswKnown[index] = false;
        swd.writeAp(ap, CSW, csw);
        cswCache[index] = csw;
        cswKnown[index] = true;
    }

    private void noteAccess(int address) {
        lastAccessAddress = address;
        anyAccessIssued = true;
    }

    /**
     * Errors of posted accesses surface one transaction late, so the failing access is the last one the target
     * accepted; sticky flags are cleared for the next command.
     */
    private TransferFault fault(StlinkError e, int startAddress) {
        if (e.status() == StlinkStatus.AP_FAULT || e.status() == StlinkStatus.DP_FAULT) {
            swd.clearStickyErrors();
        }
        return new TransferFault(e.status(), anyAccessIssued ? lastAccessAddress : startAddress, e.getMessage());
    }

    private static int wordsToBoundary(int address, AccessWidth width) {
        int bytesLeft = AUTO_INCREMENT_BLOCK - (address & (AUTO_INCREMENT_BLOCK - 1));
        return Math.max(1, bytesLeft / width.bytes());
    }

    private static int lane(int address, AccessWidth width) {
        return width == AccessWidth.WORD ? 0 : (address & 3) * 8;
    }

    /** Stores access {@code index} of the run that started at {@code runStart} as element {@code element}. */
    private static void store(byte[] into, int element, int drw, int runStart, int index, AccessWidth width,
            boolean increment) {
        int address = runStart + (increment ? index * width.bytes() : 0);
        int value = drw >>> lane(address, width);
        for (int b = 0; b < width.bytes(); b++) {
            into[element * width.bytes() + b] = (byte) (value >>> (8 * b));
        }
    }

    private static int load(byte[] from, int offset, int address, AccessWidth width) {
        int value = 0;
        for (int b = 0; b < width.bytes(); b++) {
            value |= (from[offset + b] & 0xFF) << (8 * b);
        }
        return value << lane(address, width);
    }
}
