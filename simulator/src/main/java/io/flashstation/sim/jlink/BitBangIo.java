package io.flashstation.sim.jlink;

import io.flashstation.sim.bytes.LittleEndian;
import java.util.Arrays;

/**
 * The JTAG3 / SWD I/O command 0xCF (jlink.md §3.1): {@code CF 00 nLo nHi}, ⌈n/8⌉ bytes of the first bit array,
 * ⌈n/8⌉ bytes of the second, answered with ⌈n/8⌉ sampled bytes and one status byte.
 *
 * <p>With SWD selected the arrays are direction (1 = probe drives SWDIO) and SWDIO-out, and every cycle goes to
 * the target as it is; what comes back is what the J-Link captured, which is not the line level cycle by cycle
 * (see {@link #capture}). With JTAG selected the arrays are TMS and TDI: TMS leaves on the SWDIO pin (that is
 * how a JTAG-to-SWD switch reaches an SWJ-DP) and TDO, which an SWD fixture does not wire, reads 1.
 */
final class BitBangIo {

    static final int STATUS_OK = 0x00;
    /** Not enough free memory on the probe for the request (§2.12). */
    static final int STATUS_NO_MEMORY = 0x06;
    /**
     * Bookkeeping the probe needs besides the two bit arrays, derived from OpenOCD sizing its per-direction
     * buffer as (free memory − 16) / 2 (§3.6).
     */
    static final int MEMORY_OVERHEAD = 16;

    private final TargetCable cable;
    private final int freeMemory;

    BitBangIo(TargetCable cable, int freeMemory) {
        this.cable = cable;
        this.freeMemory = freeMemory;
    }

    /** Result of one 0xCF: the reply bytes and when the last cycle ended. */
    record Outcome(byte[] reply, long endNanos) {
    }

    Outcome run(byte[] request, TargetInterface selected, long hz, long startNanos) {
        int bits = LittleEndian.u16(request, 2);
        int bytes = Bits.bytesFor(bits);
        byte[] reply = new byte[bytes + 1];
        if (2 * bytes + MEMORY_OVERHEAD > freeMemory) {
            reply[bytes] = STATUS_NO_MEMORY;
            return new Outcome(reply, startNanos);
        }
        int first = JLinkOpcode.SWD_IO_HEADER;
        byte[] firstArray = Arrays.copyOfRange(request, first, first + bytes);
        byte[] secondArray = Arrays.copyOfRange(request, first + bytes, first + 2 * bytes);
        byte[] line = new byte[bytes];
        long end;
        if (selected == TargetInterface.SWD) {
            end = cable.clock(startNanos, hz, bits, firstArray, secondArray, line);
            System.arraycopy(capture(bits, firstArray, secondArray, line), 0, reply, 0, bytes);
        } else {
            byte[] tmsOnly = new byte[bytes];
            Arrays.fill(tmsOnly, (byte) 0xFF);
            end = cable.clock(startNanos, hz, bits, tmsOnly, firstArray, line);
            for (int tdo = 0; tdo < bits; tdo++) {
                Bits.setIfHigh(reply, tdo, true);
            }
        }
        reply[bytes] = STATUS_OK;
        return new Outcome(reply, end);
    }

    /**
     * What the J-Link returns for each clock, given the line level of each wire cycle. The target changes SWDIO
     * on the rising edge and the J-Link samples on the falling edge that ends the cycle, so a released clock
     * captures the bit the target drives in the next cycle: ACK bit 0 lands in the turnaround slot right after
     * the request (jlink.md §3.1). When the next clock is the host's or there is none, the line keeps the level
     * it had. Driven clocks return the driven bit (what real probes return there is UNCONFIRMED; no host reads it).
     * Bits past the last clock are 0.
     */
    static byte[] capture(int bits, byte[] drives, byte[] out, byte[] line) {
        byte[] captured = new byte[Bits.bytesFor(bits)];
        for (int i = 0; i < bits; i++) {
            boolean level;
            if (Bits.get(drives, i)) {
                level = Bits.get(out, i);
            } else if (i + 1 < bits && !Bits.get(drives, i + 1)) {
                level = Bits.get(line, i + 1);
            } else {
                level = Bits.get(line, i);
            }
            Bits.setIfHigh(captured, i, level);
        }
        return captured;
    }
}
