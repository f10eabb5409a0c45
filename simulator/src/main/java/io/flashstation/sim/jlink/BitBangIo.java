package io.flashstation.sim.jlink;

import java.util.Arrays;

/**
 * The JTAG3 / SWD I/O command 0xCF (jlink.md §3.1): {@code CF 00 nLo nHi}, ⌈n/8⌉ bytes of the first bit array,
 * ⌈n/8⌉ bytes of the second, answered with ⌈n/8⌉ sampled bytes and one status byte.
 *
 * <p>With SWD selected the arrays are direction (1 = probe drives SWDIO) and SWDIO-out, and every cycle goes to
 * the target as it is. The sample of a cycle is the line level in that cycle; the wire port already places
 * the target's first ACK bit in the first released cycle after the request, which is exactly the lead-by-one
 * capture a J-Link shows (§3.1). With JTAG selected the arrays are TMS and TDI: TMS leaves on the SWDIO pin
 * (that is how a JTAG-to-SWD switch reaches an SWJ-DP) and TDO, which an SWD fixture does not wire, reads 1.
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
        int bytes = JLinkOpcode.bytesForBits(bits);
        byte[] reply = new byte[bytes + 1];
        if (2 * bytes + MEMORY_OVERHEAD > freeMemory) {
            reply[bytes] = STATUS_NO_MEMORY;
            return new Outcome(reply, startNanos);
        }
        int first = JLinkOpcode.SWD_IO_HEADER;
        byte[] firstArray = Arrays.copyOfRange(request, first, first + bytes);
        byte[] secondArray = Arrays.copyOfRange(request, first + bytes, first + 2 * bytes);
        byte[] sampled = new byte[bytes];
        long end;
        if (selected == TargetInterface.SWD) {
            end = cable.clock(startNanos, hz, bits, firstArray, secondArray, sampled);
        } else {
            byte[] allDriven = new byte[bytes];
            Arrays.fill(allDriven, (byte) 0xFF);
            end = cable.clock(startNanos, hz, bits, allDriven, firstArray, sampled);
            Arrays.fill(sampled, (byte) 0xFF);
        }
        if (bits % 8 != 0) {
            // Bits past the last clock were never sampled.
            sampled[bytes - 1] &= (byte) ((1 << bits % 8) - 1);
        }
        System.arraycopy(sampled, 0, reply, 0, bytes);
        reply[bytes] = STATUS_OK;
        return new Outcome(reply, end);
    }
}
