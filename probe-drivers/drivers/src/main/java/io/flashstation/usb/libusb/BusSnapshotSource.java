package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;

import java.util.Map;

/** One look at the bus: the devices attached now, by key. What the watcher compares from look to look. */
@FunctionalInterface
interface BusSnapshotSource {

    Map<DeviceKey, UsbDeviceInfo> scan() throws UsbException;
}
