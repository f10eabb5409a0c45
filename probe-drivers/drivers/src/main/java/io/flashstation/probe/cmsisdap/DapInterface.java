package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.ProbeKind;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbLink;
import io.flashstation.usb.UsbTransferType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The interface of a USB device that speaks CMSIS-DAP, found the way OpenOCD, pyOCD and probe-rs find it
 * (cmsis-dap.md §12.2): a v2 interface is vendor-class with "CMSIS-DAP" in its name and a bulk OUT then a bulk IN
 * endpoint; a v1 interface is a HID interface with interrupt endpoints on a device whose product string (or the
 * interface's own name) says "CMSIS-DAP", or on a device with a known CMSIS-DAP VID:PID (§12.1). v2 wins when a
 * device offers both.
 *
 * @param number        the interface number to claim
 * @param bulk          true for v2 (bulk), false for v1 (HID)
 * @param outEndpoint   the endpoint commands go out on
 * @param inEndpoint    the endpoint answers come back on
 * @param maxPacketSize the OUT endpoint's wMaxPacketSize
 */
record DapInterface(int number, boolean bulk, int outEndpoint, int inEndpoint, int maxPacketSize) {

    private static final String MARKER = "CMSIS-DAP";
    /** §11.2: 512-byte bulk packets only exist at high speed. */
    private static final int HIGH_SPEED_BULK_PACKET = 512;

    /** VID:PID pairs of §12.1 that are CMSIS-DAP in every mode they enumerate in. */
    private static final Set<Integer> KNOWN_VID_PIDS = Set.of(
            0x0D28_0204, 0x2E8A_000C, 0x1A86_8012, 0xC251_F001, 0xC251_F002, 0xC251_2722, 0xC251_2750,
            0x03EB_2111, 0x03EB_2141, 0x03EB_2145, 0x03EB_2175, 0x1FC9_0090, 0x1FC9_0143,
            0x04B4_F138, 0x04B4_F151, 0x04B4_F152, 0x04B4_F154, 0x04B4_F155, 0x04B4_F166);

    /** The CMSIS-DAP interface of {@code device}, if it has one. */
    static Optional<DapInterface> find(UsbDeviceInfo device) {
        Optional<DapInterface> v2 = device.interfaces().stream()
                .filter(DapInterface::isV2).findFirst().map(DapInterface::bulkOf);
        return v2.isPresent() ? v2 : findV1(device);
    }

    /** The probe class this interface makes: HID is v1; bulk is v2-HS with 512-byte packets, else v2-FS. */
    ProbeKind kind() {
        if (!bulk) {
            return ProbeKind.CMSIS_DAP_V1;
        }
        return maxPacketSize == HIGH_SPEED_BULK_PACKET ? ProbeKind.CMSIS_DAP_V2_HS : ProbeKind.CMSIS_DAP_V2_FS;
    }

    /** The packet transport for this interface on an open link. */
    DapTransport transport(UsbLink link, long timeoutMillis) {
        return bulk ? new BulkTransport(link, this, timeoutMillis) : new HidTransport(link, this, timeoutMillis);
    }

    private static boolean isV2(UsbInterfaceInfo itf) {
        List<UsbEndpointInfo> eps = itf.endpoints();
        return itf.interfaceClass() == UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC && named(itf.name())
                && eps.size() >= 2
                && eps.get(0).type() == UsbTransferType.BULK && !eps.get(0).isIn()
                && eps.get(1).type() == UsbTransferType.BULK && eps.get(1).isIn();
    }

    private static DapInterface bulkOf(UsbInterfaceInfo itf) {
        UsbEndpointInfo out = itf.endpoints().get(0);
        return new DapInterface(itf.number(), true, out.address(), itf.endpoints().get(1).address(),
                out.maxPacketSize());
    }

    private static Optional<DapInterface> findV1(UsbDeviceInfo device) {
        List<UsbInterfaceInfo> hid = device.interfaces().stream().filter(DapInterface::isHidWithReports).toList();
        Optional<UsbInterfaceInfo> named = hid.stream().filter(itf -> named(itf.name())).findFirst();
        if (named.isPresent()) {
            return named.map(DapInterface::hidOf);
        }
        boolean identified = named(device.product())
                || KNOWN_VID_PIDS.contains(device.vendorId() << 16 | device.productId());
        return identified ? hid.stream().findFirst().map(DapInterface::hidOf) : Optional.empty();
    }

    private static boolean isHidWithReports(UsbInterfaceInfo itf) {
        return itf.interfaceClass() == UsbInterfaceInfo.CLASS_HID
                && itf.findEndpoint(UsbTransferType.INTERRUPT, true).isPresent()
                && itf.findEndpoint(UsbTransferType.INTERRUPT, false).isPresent();
    }

    private static DapInterface hidOf(UsbInterfaceInfo itf) {
        UsbEndpointInfo out = itf.findEndpoint(UsbTransferType.INTERRUPT, false).orElseThrow();
        UsbEndpointInfo in = itf.findEndpoint(UsbTransferType.INTERRUPT, true).orElseThrow();
        return new DapInterface(itf.number(), false, out.address(), in.address(), out.maxPacketSize());
    }

    private static boolean named(String text) {
        return text != null && text.contains(MARKER);
    }
}
