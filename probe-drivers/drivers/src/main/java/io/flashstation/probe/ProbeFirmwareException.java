package io.flashstation.probe;

import java.util.Optional;

/**
 * The probe's firmware is too old or unsupported; the message names the version found and the minimum. The probe
 * class is given when the driver knows it, so that another backend (OpenOCD) can be offered the probe.
 */
public class ProbeFirmwareException extends ProbeException {

    private final transient Optional<ProbeKind> kind;

    public ProbeFirmwareException(String message) {
        this(message, null);
    }

    public ProbeFirmwareException(String message, ProbeKind kind) {
        super(message);
        this.kind = Optional.ofNullable(kind);
    }

    /** The class of the probe refused, when the driver knows it. */
    public Optional<ProbeKind> kind() {
        return kind;
    }
}
