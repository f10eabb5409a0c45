package io.flashstation.firmware.store;

import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.digest.Sha256;

import java.nio.file.Path;

/** A store entry whose bytes no longer hash to its name; it has been moved aside and must not be flashed. */
public class CorruptEntryException extends FirmwareException {

    private final transient Path quarantined;

    public CorruptEntryException(Sha256 expected, Sha256 actual, Path quarantined) {
        super("cache entry " + expected + " is corrupt (its bytes hash to " + actual + "); moved to " + quarantined
                + "; fetch or import the image again");
        this.quarantined = quarantined;
    }

    /** Where the damaged file now lies, for whoever investigates the disk. */
    public Path quarantined() {
        return quarantined;
    }
}
