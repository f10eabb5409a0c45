package io.flashstation.sim.jlink;

import java.io.ByteArrayOutputStream;

/**
 * Builds a 0xCF request the way a host lays out SWD clocks (jlink.md §3.1, §3.3): segments of driven bits and
 * of released (input) clocks, packed LSB first into a direction array and an SWDIO-out array.
 */
final class SwdIoRequest {

    private final boolean[] drive = new boolean[65536];
    private final boolean[] out = new boolean[65536];
    private int bits;

    /** {@code count} driven clocks carrying {@code value} LSB first. */
    SwdIoRequest out(long value, int count) {
        for (int i = 0; i < count; i++) {
            drive[bits] = true;
            out[bits] = (value >>> i & 1) != 0;
            bits++;
        }
        return this;
    }

    /** {@code count} released clocks (the host samples, its out bit stays 0 as OpenOCD sends it). */
    SwdIoRequest in(int count) {
        bits += count;
        return this;
    }

    /** OpenOCD's DP/AP read: request byte, then 38 input clocks (trn, ACK, 32 data, parity, trn). */
    SwdIoRequest read(int requestByte) {
        return out(requestByte, 8).in(38);
    }

    /** OpenOCD's write: request, 5 input clocks (trn, ACK, trn), 32 data bits and even parity driven. */
    SwdIoRequest write(int requestByte, int data) {
        return out(requestByte, 8).in(5).out(data & 0xFFFFFFFFL, 32).out(Integer.bitCount(data) & 1, 1);
    }

    /** Line reset: 56 ones, then 8 zeros (§3.7). */
    SwdIoRequest lineReset() {
        return out(-1L, 56).out(0, 8);
    }

    /** JTAG-to-SWD: 56 ones, 0xE79E LSB first, 56 ones, 8 zeros (§3.7). */
    SwdIoRequest jtagToSwd() {
        return out(-1L, 56).out(0xE79E, 16).out(-1L, 56).out(0, 8);
    }

    /** Clocks so far: also where the next segment begins. */
    int bitCount() {
        return bits;
    }

    byte[] encode() {
        int n = (bits + 7) / 8;
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0xCF);
        frame.write(0x00);
        frame.write(bits & 0xFF);
        frame.write(bits >>> 8);
        frame.writeBytes(pack(drive, n));
        frame.writeBytes(pack(out, n));
        return frame.toByteArray();
    }

    private byte[] pack(boolean[] array, int n) {
        byte[] packed = new byte[n];
        for (int i = 0; i < bits; i++) {
            if (array[i]) {
                packed[i / 8] |= (byte) (1 << i % 8);
            }
        }
        return packed;
    }

    /** Bit {@code index} of a sampled stream. */
    static int bit(byte[] stream, int index) {
        return stream[index / 8] >> index % 8 & 1;
    }

    /** {@code count} bits of a sampled stream from {@code index}, LSB first. */
    static long bits(byte[] stream, int index, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            value |= (long) bit(stream, index + i) << i;
        }
        return value;
    }
}
