package io.flashstation.firmware.pin;

import io.flashstation.firmware.FirmwareException;

/** A pin file that cannot be read or written; the message names the file and the offending entry. */
public class PinFileException extends FirmwareException {

    public PinFileException(String message) {
        super(message);
    }

    public PinFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
