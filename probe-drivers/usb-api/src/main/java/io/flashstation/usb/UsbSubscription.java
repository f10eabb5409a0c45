package io.flashstation.usb;

/** A registration of a {@link UsbHotplugListener}; closing it stops the events. */
@FunctionalInterface
public interface UsbSubscription extends AutoCloseable {
    @Override
    void close();
}
