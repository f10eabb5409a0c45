package io.flashstation.usb;

/** The setup stage of a control transfer (bmRequestType, bRequest, wValue, wIndex). */
public record UsbControlSetup(int requestType, int request, int value, int index) {

    /** True when the data stage moves from device to host. */
    public boolean isIn() {
        return (requestType & 0x80) != 0;
    }
}
