package io.flashstation.probe.flash;

import io.flashstation.probe.ProbeException;

/** The fixture has no powered board: the probe reads no target voltage. */
final class NoTargetException extends ProbeException {

    NoTargetException(String message) {
        super(message);
    }
}
