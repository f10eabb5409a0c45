package io.flashstation.probe.target;

import io.flashstation.probe.ProbeException;
import java.util.OptionalInt;

/** A flash operation on the target was refused or went wrong; {@link #kind()} says which way. */
public class FlashOperationException extends ProbeException {

    /** The ways a chip-level step can fail. */
    public enum Kind {
        /** The DEV_ID is not a part this programmer handles (or not one the caller accepts). */
        WRONG_CHIP,
        /** The image does not fit the chip's main flash. */
        IMAGE_TOO_LARGE,
        /** RDP level 1 or 2 stops a debugger from touching main flash. */
        READ_PROTECTED,
        /** A sector the image needs is write-protected. */
        WRITE_PROTECTED,
        /** The flash controller reported an error during an erase. */
        ERASE_FAILED,
        /** The flash controller reported an error while programming. */
        PROGRAM_FAILED,
        /** Flash read back differs from the image. */
        VERIFY_MISMATCH,
        /** The flash controller stayed busy past the datasheet's maximum. */
        TIMEOUT
    }

    private final Kind kind;
    private final Integer address;

    public FlashOperationException(Kind kind, String message) {
        super(message);
        this.kind = kind;
        this.address = null;
    }

    /** A failure that concerns one address (a mismatching byte, a protected sector, a failing block). */
    public FlashOperationException(Kind kind, int address, String message) {
        super(message);
        this.kind = kind;
        this.address = address;
    }

    public Kind kind() {
        return kind;
    }

    /** The address the failure concerns (first mismatching byte, failing block), when there is one. */
    public OptionalInt address() {
        return address == null ? OptionalInt.empty() : OptionalInt.of(address);
    }
}
