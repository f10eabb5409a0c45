package io.flashstation.probe;

/** The probe's firmware is too old or unsupported; the message names the version found and the minimum. */
public class ProbeFirmwareException extends ProbeException {

    public ProbeFirmwareException(String message) {
        super(message);
    }
}
