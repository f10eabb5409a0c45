package io.flashstation.sim.target;

import java.util.HexFormat;

/**
 * The 96-bit unique device ID (stm32f411-target.md §4): 12 bytes at 0x1FFF7A10, read as three little-endian
 * words w0, w1, w2. Its text form is the one tools print with "%08X%08X%08X" over w0, w1, w2: 24 upper-case hex
 * digits, word 0 first, each word most-significant nibble first.
 */
public final class UniqueId {

    public static final int BYTES = 12;

    private UniqueId() {
    }

    public static String toHex(byte[] uid) {
        requireLength(uid);
        StringBuilder text = new StringBuilder(2 * BYTES);
        for (int word = 0; word < 3; word++) {
            text.append(String.format("%08X", LittleEndian.read(uid, 4 * word, AccessSize.WORD)));
        }
        return text.toString();
    }

    /** Inverse of {@link #toHex}: 24 hex digits (either case) back to the 12 bytes in memory order. */
    public static byte[] fromHex(String hex) {
        if (hex.length() != 2 * BYTES) {
            throw new IllegalArgumentException("a UID is 24 hex digits, got '" + hex + "'");
        }
        byte[] uid = new byte[BYTES];
        for (int word = 0; word < 3; word++) {
            int value = HexFormat.fromHexDigits(hex, 8 * word, 8 * word + 8);
            LittleEndian.write(uid, 4 * word, AccessSize.WORD, value);
        }
        return uid;
    }

    /** Rejects anything but 12 bytes. */
    public static void requireLength(byte[] uid) {
        if (uid.length != BYTES) {
            throw new IllegalArgumentException("a UID is " + BYTES + " bytes, got " + uid.length);
        }
    }
}
