package io.flashstation.probe.stlink;

import io.flashstation.probe.LittleEndian;
import io.flashstation.probe.MemoryPort;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.SwdTransferException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * Target memory through the ST-Link firmware's memory commands on AP 0 (stlink.md §5): READMEM/WRITEMEM_32BIT
 * for words, READMEM/WRITEMEM_8BIT for bytes (so byte transfers reach the target as byte accesses, which flash
 * programmed at PSIZE x8 needs), each command followed by GETLASTRWSTATUS2 because the data phase carries no
 * status. A read therefore costs two USB round trips per command and a write one (its command and data are
 * posted).
 */
final class StlinkMemoryPort implements MemoryPort {

    /** 16/32-bit commands move at most 6144 bytes (stlink.md §5.2). */
    static final int MAX_32BIT_BYTES = 6144;
    /** TAR auto-increment is only guaranteed within 1 KiB (ADIv5). */
    static final int SAFE_BOUNDARY = 1024;
    /** Cortex-M3/M4 AHB-APs increment TAR across 4 KiB (OpenOCD's hla rule, stlink.md §5.2). */
    static final int CORTEX_M3_M4_BOUNDARY = 4096;
    /**
     * CSW bits 31..8 sent with every command: HPROT1 (privileged data), MasterType debug, DbgSwEnable, OpenOCD's
     * CSW_AHB_DEFAULT (stlink.md §5.1); the firmware adds size and auto-increment.
     */
    static final int CSW = 0xA200_0000;

    private static final int CPUID = 0xE000_ED00;
    /** CPUID bits 7:4, the low nibble of PARTNO: 3 on Cortex-M3 (0xC23), 4 on Cortex-M4 (0xC24). */
    private static final int PARTNO_LOW_SHIFT = 4;

    private final StlinkSession session;
    private int boundary = SAFE_BOUNDARY;

    StlinkMemoryPort(StlinkSession session) {
        this.session = session;
    }

    /** The auto-increment boundary transfers are split at now. */
    int boundary() {
        return boundary;
    }

    /**
     * Reads CPUID and widens the split boundary to 4 KiB on Cortex-M3/M4, as OpenOCD does at open (stlink.md
     * §9.1 step 11). A failed read is not fatal: 1 KiB is always safe.
     */
    void learnBoundary() throws ProbeException {
        boundary = SAFE_BOUNDARY;
        int[] cpuid = new int[1];
        try {
            readWords(CPUID, cpuid, 0, 1);
        } catch (SwdTransferException e) {
            return;
        }
        int partnoLow = (cpuid[0] >>> PARTNO_LOW_SHIFT) & 0xF;
        if (partnoLow == 3 || partnoLow == 4) {
            boundary = CORTEX_M3_M4_BOUNDARY;
        }
    }

    @Override
    public void readWords(int address, int[] words, int offset, int count) throws ProbeException {
        requireWordAligned(address);
        Objects.checkFromIndexSize(offset, count, words.length);
        ByteBuffer bytes = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        read(address, bytes.array(), 0, 4 * count, true);
        bytes.asIntBuffer().get(words, offset, count);
    }

    @Override
    public void writeWords(int address, int[] words, int offset, int count) throws ProbeException {
        requireWordAligned(address);
        Objects.checkFromIndexSize(offset, count, words.length);
        ByteBuffer bytes = ByteBuffer.allocate(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(words, offset, count);
        write(address, bytes.array(), 0, 4 * count, true);
    }

    @Override
    public void readBytes(int address, byte[] bytes, int offset, int count) throws ProbeException {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        read(address, bytes, offset, count, false);
    }

    @Override
    public void writeBytes(int address, byte[] bytes, int offset, int count) throws ProbeException {
        Objects.checkFromIndexSize(offset, count, bytes.length);
        write(address, bytes, offset, count, false);
    }

    private void read(int address, byte[] into, int offset, int length, boolean words) throws ProbeException {
        session.requireConnected();
        WaitBudget waits = new WaitBudget(session.clock());
        for (MemoryChunks.Chunk chunk : chunks(address, length, words)) {
            StlinkCommand command = words
                    ? StlinkCommand.readMemory32(chunk.address(), chunk.length(), CSW)
                    : StlinkCommand.readMemory8(chunk.address(), chunk.length(), CSW);
            byte[] data = runChunk(command, chunk, words ? 4 : 1, true, waits);
            System.arraycopy(data, 0, into, offset + chunk.dataOffset(), chunk.length());
        }
    }

    private void write(int address, byte[] from, int offset, int length, boolean words) throws ProbeException {
        session.requireConnected();
        WaitBudget waits = new WaitBudget(session.clock());
        for (MemoryChunks.Chunk chunk : chunks(address, length, words)) {
            byte[] data = new byte[chunk.length()];
            System.arraycopy(from, offset + chunk.dataOffset(), data, 0, data.length);
            StlinkCommand command = words
                    ? StlinkCommand.writeMemory32(chunk.address(), data, CSW)
                    : StlinkCommand.writeMemory8(chunk.address(), data, CSW);
            runChunk(command, chunk, words ? 4 : 1, false, waits);
        }
    }

    /** Never longer than the firmware's limit for the width, never across the auto-increment boundary. */
    private List<MemoryChunks.Chunk> chunks(int address, int length, boolean words) {
        int maxBytes = words ? MAX_32BIT_BYTES : session.version().max8BitBytes();
        return MemoryChunks.split(address, length, maxBytes, boundary);
    }

    /**
     * Runs one memory command and reads its status, re-sending it on WAIT with back-off from a budget shared by
     * the whole call (OpenOCD's hla loop, stlink.md §5.1). Returns the data read (empty for writes).
     */
    private byte[] runChunk(StlinkCommand command, MemoryChunks.Chunk chunk, int unit, boolean isRead,
            WaitBudget waits) throws ProbeException {
        while (true) {
            byte[] data = isRead ? session.link().exchangeFull(command) : session.link().exchange(command);
            // CSW + TAR, one DRW access per unit, and the RDBUFF that returns a read's last posted value.
            session.counters().addSwdTransfers(2 + chunk.length() / unit + (isRead ? 1 : 0));
            byte[] status = session.link().exchangeFull(StlinkCommand.lastRwStatus());
            int code = StlinkCommand.status(status);
            if (StlinkStatus.isOk(code)) {
                return data;
            }
            if (StlinkStatus.isWait(code) && waits.backOff()) {
                continue;
            }
            session.clearStickyErrors();
            throw StlinkStatus.failure(code, -1, String.format("%s of %d bytes at 0x%08X (fault address 0x%08X)",
                    command.name(), chunk.length(), chunk.address(), LittleEndian.u32(status, 4)));
        }
    }

    private static void requireWordAligned(int address) {
        if ((address & 3) != 0) {
            throw new IllegalArgumentException(String.format("word transfer at unaligned address 0x%08X", address));
        }
    }
}
