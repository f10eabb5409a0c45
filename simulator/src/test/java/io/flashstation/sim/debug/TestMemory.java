package io.flashstation.sim.debug;

import io.flashstation.sim.target.AccessSize;
import io.flashstation.sim.target.AhbBus;
import io.flashstation.sim.target.BusResponse;
import io.flashstation.sim.time.VirtualClock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A test-only AHB slave: 64 KiB of RAM at 0x20000000 (anything else is a bus error) that can be told to stall
 * like a busy flash: after {@link #busyAfterNextWrite}, the next write starts an operation and every access
 * completes only when it is over.
 */
final class TestMemory implements AhbBus {

    static final int BASE = 0x2000_0000;
    static final int SIZE = 0x1_0000;

    private final ByteBuffer ram = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    private final VirtualClock clock;
    private long busyUntil;
    private long nextWriteBusyNanos;
    int accesses;

    TestMemory(VirtualClock clock) {
        this.clock = clock;
    }

    void busyAfterNextWrite(long nanos) {
        nextWriteBusyNanos = nanos;
    }

    void poke(int address, int word) {
        ram.putInt(address - BASE, word);
    }

    int peek(int address) {
        return ram.getInt(address - BASE);
    }

    @Override
    public BusResponse read(int address, AccessSize size) {
        accesses++;
        long ready = Math.max(busyUntil, clock.nanos());
        if (!mapped(address)) {
            return BusResponse.error(ready);
        }
        int offset = address - BASE;
        int data = switch (size) {
            case BYTE -> ram.get(offset) & 0xFF;
            case HALFWORD -> ram.getShort(offset) & 0xFFFF;
            case WORD -> ram.getInt(offset);
        };
        return BusResponse.okay(data, ready);
    }

    @Override
    public BusResponse write(int address, AccessSize size, int value) {
        accesses++;
        long ready = Math.max(busyUntil, clock.nanos());
        if (!mapped(address)) {
            return BusResponse.error(ready);
        }
        int offset = address - BASE;
        switch (size) {
            case BYTE -> ram.put(offset, (byte) value);
            case HALFWORD -> ram.putShort(offset, (short) value);
            case WORD -> ram.putInt(offset, value);
        }
        if (nextWriteBusyNanos > 0) {
            busyUntil = ready + nextWriteBusyNanos;
            nextWriteBusyNanos = 0;
            ready = busyUntil;
        }
        return BusResponse.okay(0, ready);
    }

    private static boolean mapped(int address) {
        return address >= BASE && address < BASE + SIZE;
    }
}
