package io.flashstation.usb;

import java.io.IOException;

/** A USB operation failed; subclasses say why when the caller can act on it. */
public class UsbException extends IOException {

    public UsbException(String message) {
        super(message);
    }

    public UsbException(String message, Throwable cause) {
        super(message, cause);
    }
}
