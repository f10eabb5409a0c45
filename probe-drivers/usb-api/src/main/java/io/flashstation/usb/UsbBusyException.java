package io.flashstation.usb;

/** The device or interface is held by another program (another station, OpenOCD, a kernel driver that would not let go). */
public class UsbBusyException extends UsbException {

    public UsbBusyException(String message) {
        super(message);
    }
}
