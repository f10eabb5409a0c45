package io.flashstation.sim.target;

/**
 * FLASH_SR (stm32f411-target.md §6.2): the error flags of refused operations, EOP, and their write-1-to-clear rule.
 * BSY is not stored here; it is a function of virtual time.
 */
final class FlashStatus {

    static final int EOP = 1;
    static final int OPERR = 1 << 1;
    static final int WRPERR = 1 << 4;
    static final int PGAERR = 1 << 5;
    static final int PGPERR = 1 << 6;
    static final int PGSERR = 1 << 7;
    static final int RDERR = 1 << 8;
    static final int BSY = 1 << 16;

    private static final int CLEARABLE = EOP | OPERR | WRPERR | PGAERR | PGPERR | PGSERR | RDERR;

    private int flags;

    /** An operation was refused; OPERR accompanies the cause only while CR.ERRIE is set (§6.2). */
    void refuse(int cause, boolean errorInterruptEnabled) {
        flags |= cause | (errorInterruptEnabled ? OPERR : 0);
    }

    void readProtectionViolated() {
        flags |= RDERR;
    }

    /** An operation ended successfully; EOP is only set while CR.EOPIE is set (§6.2, §13.3). */
    void completed(boolean endOfOperationInterruptEnabled) {
        if (endOfOperationInterruptEnabled) {
            flags |= EOP;
        }
    }

    int read(boolean busy) {
        return flags | (busy ? BSY : 0);
    }

    void writeOneToClear(RegisterWrite write) {
        flags &= ~(write.value() & CLEARABLE);
    }

    void reset() {
        flags = 0;
    }
}
