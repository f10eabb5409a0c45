package io.flashstation.sim.usb;

import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import java.util.List;

/** What a virtual device reports about itself: IDs, strings, speed and interfaces (the bus adds its position). */
public record DeviceDescriptor(
        int vendorId,
        int productId,
        int deviceVersionBcd,
        String serial,
        String manufacturer,
        String product,
        UsbSpeed speed,
        List<UsbInterfaceInfo> interfaces) {

    public DeviceDescriptor {
        interfaces = List.copyOf(interfaces);
    }
}
