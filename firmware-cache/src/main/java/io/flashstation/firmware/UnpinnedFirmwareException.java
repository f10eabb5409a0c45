package io.flashstation.firmware;

import io.flashstation.firmware.pin.FirmwarePin;

/** A pin without a sha256 used where only a pinned image may be: the daemon never flashes an unpinned image. */
public class UnpinnedFirmwareException extends FirmwareException {

    public UnpinnedFirmwareException(FirmwarePin pin) {
        super("pin '" + pin.name() + "' has no sha256, so nothing can be verified against it; record one with "
                + "`flash-station firmware pin --sha256 ...` or, as an operator, trust the download on first use "
                + "with `flash-station firmware pin --trust-on-first-use`");
    }
}
