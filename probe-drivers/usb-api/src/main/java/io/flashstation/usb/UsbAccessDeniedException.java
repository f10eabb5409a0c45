package io.flashstation.usb;

/** The operating system refused access to the device (typically a missing udev rule). */
public class UsbAccessDeniedException extends UsbException {

    public UsbAccessDeniedException(String message) {
        super(message);
    }
}
