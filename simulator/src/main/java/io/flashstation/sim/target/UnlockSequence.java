package io.flashstation.sim.target;

/**
 * The two-key unlock of FLASH_CR (KEYR) and FLASH_OPTCR (OPTKEYR), stm32f411-target.md §6.3: the first key then the
 * second, as whole words, while locked. Anything else is a wrong sequence: the write answers a bus error and the
 * register stays locked until the next reset. Keys written while already unlocked count as a wrong sequence too
 * (the sheet leaves this UNCONFIRMED; OpenOCD avoids it because "writing on KEYR will fail").
 */
final class UnlockSequence {

    private enum State { LOCKED, FIRST_KEY_SEEN, UNLOCKED, LOCKED_OUT }

    private final int firstKey;
    private final int secondKey;
    private State state = State.LOCKED;

    UnlockSequence(int firstKey, int secondKey) {
        this.firstKey = firstKey;
        this.secondKey = secondKey;
    }

    /** Feeds one key-register write; false means a wrong sequence (the caller answers a bus error). */
    boolean offer(RegisterWrite write) {
        if (state == State.LOCKED && isKey(write, firstKey)) {
            state = State.FIRST_KEY_SEEN;
            return true;
        }
        if (state == State.FIRST_KEY_SEEN && isKey(write, secondKey)) {
            state = State.UNLOCKED;
            return true;
        }
        state = State.LOCKED_OUT;
        return false;
    }

    private static boolean isKey(RegisterWrite write, int key) {
        return write.wholeWord() && write.value() == key;
    }

    boolean unlocked() {
        return state == State.UNLOCKED;
    }

    /** Software set the LOCK bit; a locked-out register stays locked out. */
    void lock() {
        if (state != State.LOCKED_OUT) {
            state = State.LOCKED;
        }
    }

    void reset() {
        state = State.LOCKED;
    }
}
