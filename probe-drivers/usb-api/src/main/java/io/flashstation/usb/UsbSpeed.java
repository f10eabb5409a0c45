package io.flashstation.usb;

/** Negotiated USB link speeds. */
public enum UsbSpeed {
    UNKNOWN, LOW, FULL, HIGH, SUPER
}
