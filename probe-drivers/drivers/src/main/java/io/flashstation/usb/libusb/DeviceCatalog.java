package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The devices libusb lists, each described once per attachment: keys cost no USB traffic, so every look at the
 * bus keys all devices but only opens the new ones to read their strings. Shared by callers of
 * {@code devices()} and the watcher thread, hence synchronized.
 */
final class DeviceCatalog implements BusSnapshotSource {

    private final Context context;
    private final DeviceDescriber describer;
    private final Map<DeviceKey, UsbDeviceInfo> described = new HashMap<>();
    private final ByteBuffer portNumbers = ByteBuffer.allocateDirect(PortPath.MAX_DEPTH);

    DeviceCatalog(Context context, DeviceDescriber describer) {
        this.context = context;
        this.describer = describer;
    }

    /** The devices attached now, by key; devices that left are forgotten. */
    @Override
    public synchronized Map<DeviceKey, UsbDeviceInfo> scan() throws UsbException {
        Map<DeviceKey, UsbDeviceInfo> present = new HashMap<>();
        try (Listing listing = new Listing()) {
            for (Device device : listing.list) {
                DeviceDescriptor descriptor = new DeviceDescriptor();
                if (LibUsb.getDeviceDescriptor(device, descriptor) != LibUsb.SUCCESS) {
                    continue;
                }
                DeviceKey key = keyOf(device, descriptor);
                UsbDeviceInfo info = described.get(key);
                present.put(key, info != null ? info : describer.describe(device, key, descriptor));
            }
        }
        described.clear();
        described.putAll(present);
        return present;
    }

    /** Opens the attached device with this key; the handle is the caller's to close. */
    synchronized DeviceHandle open(DeviceKey key) throws UsbException {
        try (Listing listing = new Listing()) {
            for (Device device : listing.list) {
                DeviceDescriptor descriptor = new DeviceDescriptor();
                if (LibUsb.getDeviceDescriptor(device, descriptor) == LibUsb.SUCCESS
                        && keyOf(device, descriptor).equals(key)) {
                    DeviceHandle handle = new DeviceHandle();
                    int result = LibUsb.open(device, handle);
                    if (result != LibUsb.SUCCESS) {
                        throw LibUsbErrors.failure(result, "open " + key);
                    }
                    return handle;
                }
            }
        }
        throw new UsbDeviceGoneException("open " + key + ": the device is no longer on the bus");
    }

    private DeviceKey keyOf(Device device, DeviceDescriptor descriptor) {
        int count = LibUsb.getPortNumbers(device, portNumbers.clear());
        byte[] ports = new byte[Math.max(count, 0)];
        portNumbers.get(0, ports);
        return DeviceKey.of(LibUsb.getBusNumber(device), LibUsb.getDeviceAddress(device), ports, ports.length,
                descriptor.idVendor(), descriptor.idProduct());
    }

    /** libusb's device list, freed (and its device references dropped) on close. */
    private final class Listing implements AutoCloseable {
        private final DeviceList list = new DeviceList();

        Listing() throws UsbException {
            int count = LibUsb.getDeviceList(context, list);
            if (count < 0) {
                throw LibUsbErrors.failure(count, "list the USB devices");
            }
        }

        @Override
        public void close() {
            LibUsb.freeDeviceList(list, true);
        }
    }
}
