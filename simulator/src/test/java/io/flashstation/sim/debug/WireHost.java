package io.flashstation.sim.debug;

import java.util.ArrayList;
import java.util.List;

/** A bit-banging host for tests, encoding packets cycle by cycle from adiv5-swd-jtag.md §1.1–§1.2. */
final class WireHost {

    /** One read or write as the host saw it. */
    record Result(int ack, int data, int parityBit) {
    }

    private final SwdWirePort port;
    private final List<Boolean> drives = new ArrayList<>();
    private final List<Boolean> levels = new ArrayList<>();

    WireHost(SwdWirePort port) {
        this.port = port;
    }

    void drive(long bits, int count) {
        for (int i = 0; i < count; i++) {
            drives.add(true);
            levels.add(((bits >>> i) & 1) != 0);
        }
    }

    void release(int count) {
        for (int i = 0; i < count; i++) {
            drives.add(false);
            levels.add(false);
        }
    }

    /** Clocks everything queued; returns the sampled line. */
    boolean[] run() {
        int n = drives.size();
        byte[] d = new byte[(n + 7) / 8];
        byte[] o = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            if (drives.get(i)) {
                d[i >> 3] |= (byte) (1 << (i & 7));
            }
            if (levels.get(i)) {
                o[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        byte[] s = new byte[(n + 7) / 8];
        port.clock(n, d, o, s);
        drives.clear();
        levels.clear();
        boolean[] sampled = new boolean[n];
        for (int i = 0; i < n; i++) {
            sampled[i] = (s[i >> 3] >> (i & 7) & 1) != 0;
        }
        return sampled;
    }

    static int request(boolean ap, boolean read, int address) {
        return SwdHostBits.request(ap, read, address);
    }

    void lineResetAndIdle() {
        drive(-1L, 56);
        drive(0, 8);
        run();
    }

    void jtagToSwd() {
        drive(-1L, 56);
        drive(0xE79E, 16);
        lineResetAndIdle();
    }

    /** Request, turnaround, ACK, 32 data + parity, turnaround; then two idle cycles. */
    Result read(boolean ap, int address) {
        return readRaw(request(ap, true, address));
    }

    Result readRaw(int requestByte) {
        drive(requestByte, 8);
        release(1 + 3 + 33 + 1);
        drive(0, 2);
        boolean[] s = run();
        return new Result(bits(s, 9, 3), bits(s, 12, 32), bits(s, 44, 1));
    }

    /** A request answered WAIT or FAULT without overrun detection: request, turnaround, ACK, turnaround only. */
    int refusedRequest(boolean ap, boolean read, int address) {
        drive(request(ap, read, address), 8);
        release(1 + 3 + 1);
        drive(0, 2);
        return bits(run(), 9, 3);
    }

    /** Request, turnaround, ACK, turnaround, 32 data + parity driven by the host (with the given parity). */
    int write(boolean ap, int address, int value, boolean correctParity) {
        drive(request(ap, false, address), 8);
        release(1 + 3 + 1);
        boolean parity = SwdHostBits.parity(value) == correctParity;
        drive(value & 0xFFFFFFFFL | (parity ? 1L << 32 : 0), 33);
        drive(0, 2);
        return bits(run(), 9, 3);
    }

    private static int bits(boolean[] s, int from, int count) {
        int v = 0;
        for (int i = 0; i < count; i++) {
            v |= (s[from + i] ? 1 : 0) << i;
        }
        return v;
    }
}
