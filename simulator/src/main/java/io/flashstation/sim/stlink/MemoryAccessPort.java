package io.flashstation.sim.stlink;

import java.util.Arrays;

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
        inRuns(ap, cswBase, address, length, width, increment, (first, runStart, count) -> {
            for (int i = 0; i < count; i++) {
                int previous = swd.postApRead(ap, DRW);
                noteAccess(addressOf(runStart, i, width, increment));
                if (i > 0) {
                    store(into, first + i - 1, previous, addressOf(runStart, i - 1, width, increment), width);
                }
            }
            store(into, first + count - 1, swd.readRdbuff(), addressOf(runStart, count - 1, width, increment), width);
        });
    }

    /** Writes {@code length} bytes from {@code from}; a final RDBUFF read makes the last write's error visible. */
    void write(int ap, int cswBase, int address, byte[] from, int length, AccessWidth width, boolean increment)
            throws TransferFault {
        inRuns(ap, cswBase, address, length, width, increment, (first, runStart, count) -> {
            for (int i = 0; i < count; i++) {
                int target = addressOf(runStart, i, width, increment);
                swd.writeAp(ap, DRW, load(from, (first + i) * width.bytes(), target, width));
                noteAccess(target);
            }
        });
        try {
            swd.readRdbuff();
        } catch (StlinkError e) {
            throw fault(e, address);
        }
    }

    /** The DRW accesses of one TAR write: elements {@code first}… of the transfer, starting at {@code runStart}. */
    @FunctionalInterface
    private interface Run {
        void transfer(int first, int runStart, int count) throws StlinkError;
    }

    /** Sets CSW, then splits the transfer at auto-increment boundaries, writing TAR before each run. */
    private void inRuns(int ap, int cswBase, int address, int length, AccessWidth width, boolean increment, Run run)
            throws TransferFault {
        anyAccessIssued = false;
        int total = length / width.bytes();
        try {
            setCsw(ap, cswBase | (increment ? CSW_INCREMENT_SINGLE : 0) | width.cswSize());
            for (int done = 0; done < total; ) {
                int runStart = address + (increment ? done * width.bytes() : 0);
                int count = increment ? Math.min(total - done, elementsToBoundary(runStart, width)) : total - done;
                swd.writeAp(ap, TAR, runStart);
                run.transfer(done, runStart, count);
                done += count;
            }
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
            Arrays.fill(cswKnown, false);
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

    private static int addressOf(int runStart, int index, AccessWidth width, boolean increment) {
        return runStart + (increment ? index * width.bytes() : 0);
    }

    private static int elementsToBoundary(int address, AccessWidth width) {
        int bytesLeft = AUTO_INCREMENT_BLOCK - (address & (AUTO_INCREMENT_BLOCK - 1));
        return Math.max(1, bytesLeft / width.bytes());
    }

    private static int lane(int address, AccessWidth width) {
        return width == AccessWidth.WORD ? 0 : (address & 3) * 8;
    }

    /** Stores the DRW value of the access at {@code address} as element {@code element} of the transfer. */
    private static void store(byte[] into, int element, int drw, int address, AccessWidth width) {
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
