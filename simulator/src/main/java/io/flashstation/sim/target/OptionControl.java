package io.flashstation.sim.target;

/**
 * FLASH_OPTCR and FLASH_OPTKEYR over the option bytes (stm32f411-target.md §6.4, §7): the committed bytes (what
 * the option flash holds), the copy loaded at the last reset (what the controller enforces), and the OPTCR image
 * software is editing, which only becomes committed through OPTSTRT.
 */
final class OptionControl {

    static final int OPTLOCK = 1;
    static final int OPTSTRT = 1 << 1;
    private static final int OPTKEY1 = 0x0819_2A3B;
    private static final int OPTKEY2 = 0x4C5D_6E7F;

    private final UnlockSequence keys = new UnlockSequence(OPTKEY1, OPTKEY2);
    private OptionBytes committed;
    private OptionBytes effective;
    private int optcr;

    OptionControl(OptionBytes initial) {
        committed = initial;
        reset();
    }

    /** Every reset reloads OPTCR and the enforced copy from the committed bytes and relocks OPTCR. */
    void reset() {
        effective = committed;
        optcr = committed.toOptcr();
        keys.reset();
    }

    OptionBytes committed() {
        return committed;
    }

    OptionBytes effective() {
        return effective;
    }

    /** Replaces the committed bytes without an OPTSTRT (a board built from saved state). */
    void replaceCommitted(OptionBytes bytes) {
        committed = bytes;
    }

    /** The option bytes an OPTSTRT issued now would program. */
    OptionBytes pendingImage() {
        return committed.withOptcr(optcr);
    }

    int read(boolean programming) {
        return optcr | (keys.unlocked() ? 0 : OPTLOCK) | (programming ? OPTSTRT : 0);
    }

    /** False on a wrong OPTKEYR sequence (bus error, locked until reset). */
    boolean writeKey(RegisterWrite write) {
        return keys.offer(write);
    }

    /**
     * An OPTCR write: ignored while OPTLOCK is set; otherwise the read-back changes at once (§6.4) and OPTLOCK
     * relocks. Returns true when the write asks for OPTSTRT.
     */
    boolean write(RegisterWrite write) {
        if (!keys.unlocked()) {
            return false;
        }
        int merged = write.mergeInto(optcr);
        optcr = OptionBytes.normalizeOptcr(merged);
        if ((merged & OPTLOCK) != 0) {
            keys.lock();
        }
        return (merged & OPTSTRT) != 0;
    }

    void commit(OptionBytes bytes) {
        committed = bytes;
    }
}
