package io.flashstation.usb;

/** USB endpoint transfer types. */
public enum UsbTransferType {
    CONTROL, ISOCHRONOUS, BULK, INTERRUPT
}
