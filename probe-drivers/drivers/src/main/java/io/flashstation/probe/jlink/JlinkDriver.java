package io.flashstation.probe.jlink;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeDriver;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeFirmwareException;
import io.flashstation.probe.ProbeInfo;
import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.ProbeLostException;
import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbLink;

/**
 * The SEGGER J-Link driver: recognises J-Links by SEGGER's vendor ID, a product ID of a J-Link family and the
 * vendor bulk interface (jlink.md §1.1, §1.2), and opens them in the order OpenOCD does (§5): VERSION, GET_CAPS
 * (+ EXT_CAPS), GET_HW_VERSION, GET_FREE_MEMORY, SELECT_TIF SWD, nRESET released, GET_SPEEDS, SET_SPEED.
 */
public final class JlinkDriver implements ProbeDriver {

    /** SEGGER. */
    public static final int VENDOR_ID = 0x1366;

    /** SWD's number in SELECT_TIF (§2.6). */
    private static final int TIF_SWD = 1;
    /** OpenOCD's SWD buffer per direction, and its floor on free memory (§3.6). */
    private static final int MAX_BUFFER_BYTES = 2048;
    private static final long MIN_FREE_MEMORY = 143;
    private static final int FREE_MEMORY_OVERHEAD = 16;
    /** SWD I/O counts clocks in a u16 (§3.6). */
    private static final int MAX_BITS_PER_CALL = 0xFFFF;
    /** OpenOCD's assumption when a probe does not say its speeds (§2.7). */
    private static final long UNADVERTISED_MAX_HZ = 12_000_000;
    /** The fastest SWD clock TIMING.md §3 allows a J-Link OB. */
    private static final long JLINK_OB_MAX_HZ = 4_000_000;

    @Override
    public boolean recognises(UsbDeviceInfo device) {
        return device.vendorId() == VENDOR_ID && isJlinkProduct(device.productId())
                && JlinkEndpoints.of(device).isPresent();
    }

    /**
     * Product IDs whose devices carry the J-Link interface (§1.1): the USB-address scheme 0x0101–0x0104, 0x0105
     * (with CDC), 0x0107/0x0108, and the new-format families 0x1010–0x102F and 0x1050–0x106F. 0x0106 and
     * 0x1001–0x100F are CDC/MSD-only functions without it.
     */
    static boolean isJlinkProduct(int pid) {
        return (pid >= 0x0101 && pid <= 0x0105) || pid == 0x0107 || pid == 0x0108
                || (pid >= 0x1010 && pid <= 0x102F) || (pid >= 0x1050 && pid <= 0x106F);
    }

    @Override
    public DebugProbe open(UsbBus bus, UsbDeviceInfo device) throws ProbeException {
        JlinkEndpoints endpoints = JlinkEndpoints.of(device)
                .orElseThrow(() -> new ProbeException(device + " has no J-Link interface"));
        UsbLink link;
        try {
            link = bus.open(device);
            link.claimInterface(endpoints.interfaceNumber());
        } catch (UsbDeviceGoneException e) {
            throw new ProbeLostException(device + " left the bus", e);
        } catch (UsbException e) {
            throw new ProbeException("cannot open " + device + ": " + e.getMessage(), e);
        }
        try {
            return identify(device, link, endpoints);
        } catch (ProbeException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    private static JlinkProbe identify(UsbDeviceInfo device, UsbLink link, JlinkEndpoints endpoints)
            throws ProbeException {
        JlinkTransport transport = new JlinkTransport(link, endpoints);
        JlinkCommands commands = new JlinkCommands(transport);
        String firmware = commands.version();
        JlinkCapabilities caps = commands.capabilities();
        if (caps.has(JlinkCapabilities.GET_EXT_CAPS)) {
            // the extended set repeats the legacy word; some probes answer it with zeros there (§2.3)
            caps = new JlinkCapabilities(caps.word() | commands.extendedCapabilities().word());
        }
        int hardwareVersion = caps.has(JlinkCapabilities.GET_HW_VERSION) ? commands.hardwareVersion() : 0;
        int bufferBytes = MAX_BUFFER_BYTES;
        if (caps.has(JlinkCapabilities.GET_FREE_MEMORY)) {
            long free = commands.freeMemory();
            if (free < MIN_FREE_MEMORY) {
                throw new ProbeFirmwareException(firmware + " has " + free + " bytes of free memory; SWD needs "
                        + MIN_FREE_MEMORY);
            }
            bufferBytes = (int) Math.min(MAX_BUFFER_BYTES, (free - FREE_MEMORY_OVERHEAD) / 2);
        }
        if (!caps.has(JlinkCapabilities.SELECT_TIF)) {
            throw new ProbeFirmwareException(firmware + " cannot select an interface: it drives JTAG only");
        }
        if ((commands.availableInterfaces() & 1 << TIF_SWD) == 0) {
            throw new ProbeFirmwareException(firmware + " does not offer SWD");
        }
        commands.selectInterface(TIF_SWD);
        commands.driveReset(false);
        // selecting an interface resets the speed, so speeds are asked and set after it (§2.6)
        JlinkSpeeds speeds = caps.has(JlinkCapabilities.GET_SPEEDS) ? commands.speeds() : null;
        long maxHz = Math.min(speeds == null ? UNADVERTISED_MAX_HZ : speeds.maxHz(), JLINK_OB_MAX_HZ);
        ProbeInfo info = new ProbeInfo(ProbeKind.JLINK_OB, JlinkSerial.fromDescriptor(device.serial()), firmware,
                device, maxHz);
        SwdPacketRunner runner = new SwdPacketRunner(commands, Math.min(MAX_BITS_PER_CALL, bufferBytes * 8));
        JlinkProbe probe = new JlinkProbe(info, link, transport, commands, runner, speeds, hardwareVersion);
        probe.setSwdClock(maxHz);
        return probe;
    }
}
