package io.flashstation.firmware;

/** Anything that stops the cache from handing out a verified image; the message is written for an operator. */
public class FirmwareException extends Exception {

    public FirmwareException(String message) {
        super(message);
    }

    public FirmwareException(String message, Throwable cause) {
        super(message, cause);
    }
}
