package io.flashstation.probe;

import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbDeviceInfo;

/** One probe family's driver: recognises its devices on the bus and opens them into {@link DebugProbe}s. */
public interface ProbeDriver {

    /** True when {@code device} is a probe of this family (by VID/PID lists, interface class and strings). */
    boolean recognises(UsbDeviceInfo device);

    /** Opens the device, identifies the probe and its firmware, and refuses firmware it cannot drive. */
    DebugProbe open(UsbBus bus, UsbDeviceInfo device) throws ProbeException;
}
