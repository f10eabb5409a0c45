package io.flashstation.usb;

/** The device left the bus (unplugged, reset away, powered off) before or during the operation. */
public class UsbDeviceGoneException extends UsbException {

    public UsbDeviceGoneException(String message) {
        super(message);
    }
}
