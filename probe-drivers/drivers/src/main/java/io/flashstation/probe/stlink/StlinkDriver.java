package io.flashstation.probe.stlink;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeDriver;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeFirmwareException;
import io.flashstation.probe.ProbeInfo;
import io.flashstation.probe.ProbeLostException;
import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbLink;

/**
 * The ST-Link driver: recognises ST-LINK/V2 (0483:3748), V2-1 (0483:374B, 3752) and STLINK-V3 (0483:374E, 374F,
 * 3753, 3754) by VID/PID and their vendor-specific debug interface 0, and opens them: GET_VERSION (and
 * GET_VERSION_EX on V3), the firmware gate of {@link StlinkVersion}, and out of DFU/SWIM/debug mode. SWD mode is
 * entered by {@link DebugProbe#connect()}.
 */
public final class StlinkDriver implements ProbeDriver {

    @Override
    public boolean recognises(UsbDeviceInfo device) {
        return StlinkProduct.of(device.vendorId(), device.productId()).isPresent()
                && device.findInterface(StlinkLink.DEBUG_INTERFACE)
                        .filter(i -> i.interfaceClass() == UsbInterfaceInfo.CLASS_VENDOR_SPECIFIC).isPresent();
    }

    @Override
    public DebugProbe open(UsbBus bus, UsbDeviceInfo device) throws ProbeException {
        StlinkProduct product = StlinkProduct.of(device.vendorId(), device.productId())
                .orElseThrow(() -> new ProbeException(device + " is not an ST-Link this driver knows"));
        UsbLink usb = openLink(bus, device);
        StlinkCounters counters = new StlinkCounters();
        StlinkLink link = new StlinkLink(usb, product.outEndpoint(), counters);
        try {
            StlinkVersion version = readVersion(link, product);
            try {
                version.requireSupported();
            } catch (ProbeFirmwareException e) {
                throw new ProbeFirmwareException(e.getMessage(), product.kind());
            }
            ProbeInfo info = new ProbeInfo(product.kind(), device.serial(), version.toString(), device,
                    product.maxSwdHz());
            StlinkProbe probe = new StlinkProbe(info, new StlinkSession(link, version, counters));
            probe.leaveCurrentMode();
            return probe;
        } catch (ProbeException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private static UsbLink openLink(UsbBus bus, UsbDeviceInfo device) throws ProbeException {
        UsbLink usb = null;
        try {
            usb = bus.open(device);
            usb.claimInterface(StlinkLink.DEBUG_INTERFACE);
            return usb;
        } catch (UsbDeviceGoneException e) {
            closeQuietly(usb);
            throw new ProbeLostException("the ST-Link " + device + " left the USB bus while opening", e);
        } catch (UsbException e) {
            closeQuietly(usb);
            throw new ProbeException("cannot open the ST-Link " + device + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(UsbLink usb) {
        if (usb != null) {
            usb.close();
        }
    }

    /** stlink.md §2.1: GET_VERSION, and on V3 (whose GET_VERSION J field reads 0) GET_VERSION_EX. */
    private static StlinkVersion readVersion(StlinkLink link, StlinkProduct product) throws ProbeException {
        StlinkVersion version = StlinkVersion.fromGetVersion(link.exchangeFull(StlinkCommand.getVersion()),
                product.isV21());
        if (version.needsVersionEx()) {
            version = StlinkVersion.fromGetVersionEx(link.exchangeFull(StlinkCommand.getVersionEx()));
        }
        return version;
    }
}
