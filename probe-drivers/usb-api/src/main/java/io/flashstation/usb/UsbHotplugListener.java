package io.flashstation.usb;

/** Receives device arrivals and removals; called from the bus's event thread, so it must not block. */
public interface UsbHotplugListener {

    void arrived(UsbDeviceInfo device);

    void left(UsbDeviceInfo device);
}
