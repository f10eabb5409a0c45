package io.flashstation.firmware.store;

import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.digest.Sha256;

/** A file whose sha256 is not the pinned one: wrong version, wrong board, or tampered with. Never stored. */
public class DigestMismatchException extends FirmwareException {

    private final Sha256 expected;
    private final Sha256 actual;

    public DigestMismatchException(String what, Sha256 expected, Sha256 actual) {
        super(what + " has sha256 " + actual + " but the pin requires " + expected
                + ": wrong or tampered image, refused");
        this.expected = expected;
        this.actual = actual;
    }

    public Sha256 expected() {
        return expected;
    }

    public Sha256 actual() {
        return actual;
    }
}
