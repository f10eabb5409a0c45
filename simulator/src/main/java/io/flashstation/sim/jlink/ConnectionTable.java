package io.flashstation.sim.jlink;

import io.flashstation.sim.bytes.LittleEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe's table of registered host connections, kept by REGISTER / UNREGISTER (jlink.md §2.10). Hosts
 * read a fixed 76-byte minimum, so every reply is padded to it.
 */
final class ConnectionTable {

    static final int SUB_REGISTER = 0x64;
    static final int SUB_UNREGISTER = 0x65;
    /** libjaylink's JAYLINK_MAX_CONNECTIONS: a table never holds more entries. */
    static final int MAX_CONNECTIONS = 16;
    static final int HEADER_SIZE = 8;
    static final int ENTRY_SIZE = 16;
    /** The bytes a host always reads first; a shorter reply would leave it waiting. */
    static final int MIN_REPLY = 0x4C;

    private final List<Entry> entries = new ArrayList<>();
    private int lastHandle;

    /**
     * Answers a REGISTER request. Handle 0 asks for a new connection; a full table answers with a handle it
     * does not list, which hosts report as "maximum number of connections reached". Unregistering removes
     * the entry with the given handle.
     */
    byte[] handle(byte[] request, long nowNanos) {
        int sub = request[1] & 0xFF;
        int handle = LittleEndian.u16(request, 12);
        if (sub == SUB_REGISTER) {
            handle = register(request, handle, nowNanos);
        } else if (sub == SUB_UNREGISTER) {
            int gone = handle;
            entries.removeIf(e -> e.handle == gone);
        } else {
            handle = 0;
        }
        return reply(handle);
    }

    private int register(byte[] request, int handle, long nowNanos) {
        boolean known = handle != 0 && entries.stream().anyMatch(e -> e.handle == handle);
        if (known) {
            return handle;
        }
        int newHandle = nextHandle();
        if (entries.size() < MAX_CONNECTIONS) {
            entries.add(new Entry(LittleEndian.u32(request, 2), LittleEndian.u32(request, 6),
                    request[10] & 0xFF, request[11] & 0xFF, newHandle, (int) (nowNanos / 1_000_000)));
        }
        return newHandle;
    }

    private int nextHandle() {
        do {
            lastHandle = (lastHandle + 1) & 0xFFFF;
        } while (lastHandle == 0 || isTaken(lastHandle));
        return lastHandle;
    }

    private boolean isTaken(int handle) {
        return entries.stream().anyMatch(e -> e.handle == handle);
    }

    /** u16 handle, u16 count, u16 entry size, u16 info size (none), the entries, zero padding to 76 bytes. */
    private byte[] reply(int handle) {
        byte[] reply = new byte[Math.max(MIN_REPLY, HEADER_SIZE + entries.size() * ENTRY_SIZE)];
        LittleEndian.putU16(reply, 0, handle);
        LittleEndian.putU16(reply, 2, entries.size());
        LittleEndian.putU16(reply, 4, ENTRY_SIZE);
        LittleEndian.putU16(reply, 6, 0);
        int offset = HEADER_SIZE;
        for (Entry e : entries) {
            LittleEndian.putU32(reply, offset, e.pid);
            LittleEndian.putU32(reply, offset + 4, e.hostAddress);
            reply[offset + 8] = (byte) e.iid;
            reply[offset + 9] = (byte) e.cid;
            LittleEndian.putU16(reply, offset + 10, e.handle);
            LittleEndian.putU32(reply, offset + 12, e.timestampMillis);
            offset += ENTRY_SIZE;
        }
        return reply;
    }

    /** One connection; the host address is kept as the 4 bytes the host sent (network order). */
    private record Entry(int pid, int hostAddress, int iid, int cid, int handle, int timestampMillis) {
    }
}
