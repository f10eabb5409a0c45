package io.flashstation.probe.arm;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.MemoryPort;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.SwdTransferException;
import java.util.Optional;

/**
 * A MEM-AP (the AHB-AP of a Cortex-M) driven through a probe: CSW and TAR are cached so that sequential accesses
 * cost one DRW transfer each, sub-word accesses use their address's byte lanes, and runs of accesses are queued in
 * one batch, starting a new TAR at every auto-increment block (adiv5-swd-jtag.md §6). Word accesses go through the
 * probe's firmware memory access when it has one (ST-Link); sub-word accesses always use DRW transfers, because
 * only they guarantee the access width a flash controller checks.
 */
public final class MemAp {

    static final int CSW = 0x00;
    static final int TAR = 0x04;
    static final int DRW = 0x0C;
    /** HPROT1 (privileged) | MasterType (debug) | DbgSwEnable, as OpenOCD ORs into every CSW (§6.2). */
    static final int CSW_DEFAULT = 0xA200_0000;
    static final int CSW_ADDRINC_SINGLE = 1 << 4;

    private final DebugPort dp;
    private final int apsel;
    private final AutoIncrementBlocks blocks;
    private final Optional<MemoryPort> memoryPort;
    private AccessSize cachedSize;
    private boolean tarKnown;
    private int cachedTar;

    public MemAp(DebugPort dp, int apsel, AutoIncrementBlocks blocks) {
        this.dp = dp;
        this.apsel = apsel;
        this.blocks = blocks;
        this.memoryPort = dp.probe().memoryPort();
    }

    /** AP0 of a Cortex-M4, whose AHB-AP auto-increments within 4 KiB. */
    public static MemAp cortexM4(DebugPort dp) {
        return new MemAp(dp, 0, new AutoIncrementBlocks(AutoIncrementBlocks.CORTEX_M4));
    }

    public DebugPort debugPort() {
        return dp;
    }

    public int readWord(int address) throws ProbeException {
        int[] word = new int[1];
        readWords(address, word, 0, 1);
        return word[0];
    }

    public void writeWord(int address, int value) throws ProbeException {
        writeWords(address, new int[] {value}, 0, 1);
    }

    /** One access of {@code size}; the value comes back shifted down from its byte lanes. */
    public int read(AccessSize size, int address) throws ProbeException {
        if (size == AccessSize.WORD) {
            return readWord(address);
        }
        int[] value = new int[1];
        transfer(size, address, value, 0, 1, false);
        return value[0];
    }

    /** One access of {@code size}; {@code value} is placed on the byte lanes of {@code address}. */
    public void write(AccessSize size, int address, int value) throws ProbeException {
        if (size == AccessSize.WORD) {
            writeWord(address, value);
        } else {
            transfer(size, address, new int[] {value}, 0, 1, true);
        }
    }

    /** Reads {@code count} words from a word-aligned address, in as few round trips as the probe allows. */
    public void readWords(int address, int[] into, int offset, int count) throws ProbeException {
        requireAligned(address, AccessSize.WORD);
        if (memoryPort.isPresent()) {
            // the probe's firmware rewrites CSW and TAR itself
            invalidate();
            memoryPort.get().readWords(address, into, offset, count);
        } else {
            transfer(AccessSize.WORD, address, into, offset, count, false);
        }
    }

    /** Writes {@code count} words to a word-aligned address, in as few round trips as the probe allows. */
    public void writeWords(int address, int[] from, int offset, int count) throws ProbeException {
        requireAligned(address, AccessSize.WORD);
        if (memoryPort.isPresent()) {
            invalidate();
            memoryPort.get().writeWords(address, from, offset, count);
        } else {
            transfer(AccessSize.WORD, address, from, offset, count, true);
        }
    }

    /**
     * Writes {@code count} sequential values of {@code size} (half-words or bytes, one per access, each on its byte
     * lanes) — what a flash controller programming at x8 or x16 parallelism needs.
     */
    public void writeBlock(AccessSize size, int address, int[] values, int offset, int count) throws ProbeException {
        if (size == AccessSize.WORD) {
            writeWords(address, values, offset, count);
        } else {
            transfer(size, address, values, offset, count, true);
        }
    }

    /**
     * Writes a block as {@link #writeBlock} does, then reads the word at {@code readAddress} once every write has
     * completed on the bus, in the same batch where the probe takes batches: behind the writes a read of the block's
     * last word goes first, which the bus holds until that write is done (a flash program operation stalls it), so
     * the answer needs no round trip of its own. Through a probe's firmware memory access each command already ends
     * after its bus accesses, and the read is a command of its own.
     */
    public int writeBlockThenReadWord(AccessSize size, int address, int[] values, int offset, int count,
            int readAddress) throws ProbeException {
        requireAligned(readAddress, AccessSize.WORD);
        if (count < 1) {
            throw new IllegalArgumentException("a block to write holds at least one access, not " + count);
        }
        if (memoryPort.isPresent() && size == AccessSize.WORD) {
            writeWords(address, values, offset, count);
            return readWord(readAddress);
        }
        requireAligned(address, size);
        DapBatch batch = dp.probe().newBatch();
        queue(batch, size, address, values, offset, count, true);
        int lastWord = (address + (count - 1) * size.bytes()) & -AccessSize.WORD.bytes();
        int[] words = new int[2];
        queue(batch, AccessSize.WORD, lastWord, words, 0, 1, false);
        queue(batch, AccessSize.WORD, readAddress, words, 1, 1, false);
        run(batch, address);
        return words[1];
    }

    /** Forgets the cached CSW and TAR (after a reset of the debug logic or anything else that may change them). */
    public void invalidate() {
        cachedSize = null;
        tarKnown = false;
    }

    private void transfer(AccessSize size, int address, int[] values, int offset, int count, boolean write)
            throws ProbeException {
        requireAligned(address, size);
        if (count == 0) {
            return;
        }
        DapBatch batch = dp.probe().newBatch();
        queue(batch, size, address, values, offset, count, write);
        run(batch, address);
        if (!write && size != AccessSize.WORD) {
            for (int i = 0; i < count; i++) {
                values[offset + i] = ByteLanes.fromDrw(size, address + i * size.bytes(), values[offset + i]);
            }
        }
    }

    // queues the CSW, TAR and DRW transfers of one run of sequential accesses, keeping the caches in step
    private void queue(DapBatch batch, AccessSize size, int address, int[] values, int offset, int count,
            boolean write) {
        if (cachedSize != size) {
            batch.writeAp(apsel, CSW, CSW_DEFAULT | CSW_ADDRINC_SINGLE | size.cswSize());
            cachedSize = size;
        }
        int next = address;
        int done = 0;
        while (done < count) {
            int n = blocks.accessesBeforeBoundary(next, size, count - done);
            if (!tarKnown || cachedTar != next) {
                batch.writeAp(apsel, TAR, next);
            }
            if (write && size == AccessSize.WORD) {
                batch.writeApRepeated(apsel, DRW, values, offset + done, n);
            } else if (write) {
                batch.writeApRepeated(apsel, DRW, onLanes(size, next, values, offset + done, n), 0, n);
            } else {
                batch.readApRepeated(apsel, DRW, values, offset + done, n);
            }
            next += n * size.bytes();
            done += n;
            // at a block boundary TAR wrapped back to the block's start instead of reaching `next`
            tarKnown = (next & (blocks.blockBytes() - 1)) != 0;
            cachedTar = next;
        }
    }

    private static int[] onLanes(AccessSize size, int address, int[] values, int offset, int count) {
        int[] drw = new int[count];
        for (int i = 0; i < count; i++) {
            drw[i] = ByteLanes.toDrw(size, address + i * size.bytes(), values[offset + i]);
        }
        return drw;
    }

    private void run(DapBatch batch, int address) throws ProbeException {
        try {
            batch.run();
        } catch (SwdTransferException e) {
            invalidate();
            if (e.failure() == SwdTransferException.Failure.FAULT
                    && (dp.clearStickyErrors() & DebugPort.STICKYERR) != 0) {
                throw new MemoryFaultException(address,
                        String.format("bus error accessing memory at or after 0x%08X", address), e);
            }
            if (e.failure() == SwdTransferException.Failure.WAIT) {
                dp.abortTransaction();
            }
            throw e;
        } catch (ProbeException e) {
            invalidate();
            throw e;
        }
    }

    private static void requireAligned(int address, AccessSize size) {
        if ((address & (size.bytes() - 1)) != 0) {
            throw new IllegalArgumentException(String.format("a %s access at 0x%08X is not aligned", size, address));
        }
    }
}
