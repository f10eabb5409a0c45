package io.flashstation.probe.jlink;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbTransferType;
import java.util.Optional;

/**
 * The J-Link's command interface and its bulk endpoint pair, found the way libjaylink finds them (jlink.md §1.2):
 * the first interface of class 0xFF and subclass 0xFF with at least two endpoints; its last IN and last OUT
 * endpoint. Interface numbers and endpoint addresses move with the CDC/MSD functions a probe enables, so
 * nothing is hard-coded.
 */
record JlinkEndpoints(int interfaceNumber, int inEndpoint, int outEndpoint) {

    private static final int VENDOR_SUBCLASS = 0xFF;

    /** The J-Link interface of {@code device}, if it has one. */
    static Optional<JlinkEndpoints> of(UsbDeviceInfo device) {
        for (UsbInterfaceInfo itf : device.interfaces()) {
            if (itf.alternateSetting() != 0
                    || itf.interfaceClass() != UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC
                    || itf.interfaceSubClass() != VENDOR_SUBCLASS
                    || itf.endpoints().size() < 2) {
                continue;
            }
            int in = -1;
            int out = -1;
            for (UsbEndpointInfo ep : itf.endpoints()) {
                if (ep.type() != UsbTransferType.BULK) {
                    continue;
                }
                if (ep.isIn()) {
                    in = ep.address();
                } else {
                    out = ep.address();
                }
            }
            if (in >= 0 && out >= 0) {
                return Optional.of(new JlinkEndpoints(itf.number(), in, out));
            }
        }
        return Optional.empty();
    }
}
