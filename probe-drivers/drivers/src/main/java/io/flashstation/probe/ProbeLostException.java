package io.flashstation.probe;

/** The probe left the USB bus (unplugged, or its USB link failed for good). */
public class ProbeLostException extends ProbeException {

    public ProbeLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
