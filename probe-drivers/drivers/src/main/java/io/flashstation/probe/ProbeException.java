package io.flashstation.probe;

import java.io.IOException;

/** A probe operation failed; subclasses say why when the caller can act on it. */
public class ProbeException extends IOException {

    public ProbeException(String message) {
        super(message);
    }

    public ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
