package io.flashstation.firmware.image;

import io.flashstation.firmware.FirmwareException;

/** A firmware file that cannot be read as the format it claims to be; the message names the place and the rule. */
public class ImageFormatException extends FirmwareException {

    public ImageFormatException(String message) {
        super(message);
    }
}
