package io.flashstation.sim.jlink;

import io.flashstation.sim.bytes.LittleEndian;

/**
 * Capability bits (jlink.md §2.3). A profile records the word its real firmware was seen to report; the device
 * advertises only the bits whose commands it answers, because hosts gate commands on these bits and a bit
 * without its command would send them into a command nobody answers.
 */
final class Capabilities {

    /** "Reserved, always 1" on every real device. */
    static final int RESERVED = 0;
    static final int GET_HW_VERSION = 1;
    static final int READ_CONFIG = 4;
    static final int WRITE_CONFIG = 5;
    static final int GET_SPEEDS = 9;
    static final int GET_FREE_MEMORY = 11;
    static final int SELECT_TIF = 17;
    static final int REGISTER = 27;
    static final int GET_EXT_CAPS = 31;

    /** The legacy bits this firmware has commands for. */
    static final int IMPLEMENTED = bits(RESERVED, GET_HW_VERSION, READ_CONFIG, WRITE_CONFIG, GET_SPEEDS,
            GET_FREE_MEMORY, SELECT_TIF, REGISTER, GET_EXT_CAPS);

    /** GET_EXT_CAPS answers a 256-bit set. */
    static final int EXTENDED_SIZE = 32;

    private Capabilities() {
    }

    /** The word a device with this traced firmware word advertises. */
    static int advertised(int tracedWord) {
        return tracedWord & IMPLEMENTED;
    }

    static boolean has(int word, int bit) {
        return (word & 1 << bit) != 0;
    }

    /** GET_CAPS: the legacy 32-bit word. */
    static byte[] legacyReply(int word) {
        return LittleEndian.u32Bytes(word);
    }

    /**
     * GET_EXT_CAPS: bits 0–31 repeat the legacy word (OpenOCD reads the extended set over the legacy one, §2.3);
     * no extended-only bit (32 and up) is implemented.
     */
    static byte[] extendedReply(int word) {
        byte[] reply = new byte[EXTENDED_SIZE];
        LittleEndian.putU32(reply, 0, word);
        return reply;
    }

    private static int bits(int... numbers) {
        int word = 0;
        for (int n : numbers) {
            word |= 1 << n;
        }
        return word;
    }
}
