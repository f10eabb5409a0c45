package io.flashstation.usb;

import java.util.List;

/** The USB bus as the station sees it: which devices are present, their comings and goings, and opening one. */
public interface UsbBus extends AutoCloseable {

    /** The devices present now, in a stable order (by port path). */
    List<UsbDeviceInfo> devices() throws UsbException;

    /**
     * Registers a listener for arrivals and removals. Devices already present are not replayed;
     * call {@link #devices()} after subscribing to learn them.
     */
    UsbSubscription subscribe(UsbHotplugListener listener);

    /** Opens a device for transfers; the link is exclusive to the caller until closed. */
    UsbLink open(UsbDeviceInfo device) throws UsbException;

    /** Releases the bus and stops delivering events. */
    @Override
    void close();
}
