package io.flashstation.probe.target;

/**
 * CRC-32/MPEG-2 on the host: polynomial 0x04C11DB7, most significant bit first, initial value 0xFFFFFFFF, no final
 * XOR. It is the function the on-target routine (src/main/loader/crc32.S) computes, so the two can be compared.
 */
public final class Crc32Mpeg2 {

    /** The value before any byte. */
    public static final int INITIAL = 0xFFFF_FFFF;
    private static final int POLYNOMIAL = 0x04C1_1DB7;
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int entry = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                entry = entry < 0 ? (entry << 1) ^ POLYNOMIAL : entry << 1;
            }
            TABLE[i] = entry;
        }
    }

    private Crc32Mpeg2() {
    }

    /** The CRC after one more byte. */
    public static int update(int crc, int data) {
        return TABLE[((crc >>> 24) ^ data) & 0xFF] ^ (crc << 8);
    }
}
