package io.flashstation.probe.arm;

import io.flashstation.probe.ProbeException;

/** The target did not reach an awaited state (power-up acknowledged, core halted, flash idle) in time. */
public class DebugTimeoutException extends ProbeException {

    public DebugTimeoutException(String message) {
        super(message);
    }
}
