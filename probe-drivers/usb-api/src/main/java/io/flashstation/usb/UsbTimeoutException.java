package io.flashstation.usb;

/** A transfer did not complete within its timeout; the device may still be present. */
public class UsbTimeoutException extends UsbException {

    public UsbTimeoutException(String message) {
        super(message);
    }
}
