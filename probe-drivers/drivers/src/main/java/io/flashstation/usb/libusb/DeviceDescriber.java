package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import org.usb4java.ConfigDescriptor;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.EndpointDescriptor;
import org.usb4java.Interface;
import org.usb4java.InterfaceDescriptor;
import org.usb4java.LibUsb;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Builds the {@link UsbDeviceInfo} of one listed device: descriptors from libusb's cache, strings from the device.
 * A device that cannot be opened (no permission, or claimed in a way the OS will not share) is still described,
 * with null strings, so that the station can say which probe it cannot use.
 */
final class DeviceDescriber {

    private static final System.Logger LOG = System.getLogger(DeviceDescriber.class.getName());

    private final long stringTimeoutMillis;

    DeviceDescriber(long stringTimeoutMillis) {
        this.stringTimeoutMillis = stringTimeoutMillis;
    }

    UsbDeviceInfo describe(Device device, DeviceKey key, DeviceDescriptor descriptor) {
        DeviceHandle handle = new DeviceHandle();
        int opened = LibUsb.open(device, handle);
        if (opened != LibUsb.SUCCESS) {
            LOG.log(System.Logger.Level.DEBUG, "cannot open {0} to read its strings ({1}); listing it without them",
                    key, LibUsbErrors.name(opened));
            return assemble(device, key, descriptor, index -> null);
        }
        try {
            DeviceStringReader strings = new DeviceStringReader(handle, key, stringTimeoutMillis);
            return assemble(device, key, descriptor, strings::read);
        } finally {
            LibUsb.close(handle);
        }
    }

    private static UsbDeviceInfo assemble(Device device, DeviceKey key, DeviceDescriptor descriptor,
                                          Function<Byte, String> strings) {
        String manufacturer = strings.apply(descriptor.iManufacturer());
        String product = strings.apply(descriptor.iProduct());
        String serial = strings.apply(descriptor.iSerialNumber());
        return DescriptorMapper.device(key, descriptor.bcdDevice(), manufacturer, product, serial,
                LibUsb.getDeviceSpeed(device), activeInterfaces(device, key, strings));
    }

    private static List<UsbInterfaceInfo> activeInterfaces(Device device, DeviceKey key,
                                                           Function<Byte, String> strings) {
        ConfigDescriptor config = new ConfigDescriptor();
        int result = LibUsb.getActiveConfigDescriptor(device, config);
        if (result != LibUsb.SUCCESS) {
            // An unconfigured device (or one mid-reset) has no active configuration, hence no interfaces.
            LOG.log(System.Logger.Level.DEBUG, "no active configuration on {0}: {1}", key,
                    LibUsbErrors.name(result));
            return List.of();
        }
        try {
            List<UsbInterfaceInfo> interfaces = new ArrayList<>();
            for (Interface iface : config.iface()) {
                for (InterfaceDescriptor setting : iface.altsetting()) {
                    interfaces.add(DescriptorMapper.iface(setting.bInterfaceNumber(), setting.bAlternateSetting(),
                            setting.bInterfaceClass(), setting.bInterfaceSubClass(), setting.bInterfaceProtocol(),
                            strings.apply(setting.iInterface()), endpoints(setting)));
                }
            }
            return interfaces;
        } finally {
            LibUsb.freeConfigDescriptor(config);
        }
    }

    private static List<UsbEndpointInfo> endpoints(InterfaceDescriptor setting) {
        List<UsbEndpointInfo> endpoints = new ArrayList<>();
        for (EndpointDescriptor endpoint : setting.endpoint()) {
            endpoints.add(DescriptorMapper.endpoint(endpoint.bEndpointAddress(), endpoint.bmAttributes(),
                    endpoint.wMaxPacketSize(), endpoint.bInterval()));
        }
        return endpoints;
    }
}
