package io.flashstation.probe;

/**
 * Target memory access performed by the probe's firmware (ST-Link's memory commands). Transfers may be of any
 * length; the driver splits them at the probe's real size limits and at the AP's auto-increment boundary.
 */
public interface MemoryPort {

    /** Reads {@code count} 32-bit words from a word-aligned address into {@code words[offset…]}. */
    void readWords(int address, int[] words, int offset, int count) throws ProbeException;

    /** Writes {@code count} 32-bit words to a word-aligned address. */
    void writeWords(int address, int[] words, int offset, int count) throws ProbeException;

    /** Reads {@code count} bytes (any alignment). */
    void readBytes(int address, byte[] bytes, int offset, int count) throws ProbeException;

    /** Writes {@code count} bytes (any alignment). */
    void writeBytes(int address, byte[] bytes, int offset, int count) throws ProbeException;
}
