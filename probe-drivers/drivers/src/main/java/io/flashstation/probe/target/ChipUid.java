package io.flashstation.probe.target;

/**
 * The 96-bit unique device ID as three words read from 0x1FFF7A10 (stm32f411-target.md §4), printed as 24
 * upper-case hex digits, word0 word1 word2, each as %08X — the form results are keyed by.
 */
public record ChipUid(int word0, int word1, int word2) {

    public String hex() {
        return String.format("%08X%08X%08X", word0, word1, word2);
    }

    @Override
    public String toString() {
        return hex();
    }
}
