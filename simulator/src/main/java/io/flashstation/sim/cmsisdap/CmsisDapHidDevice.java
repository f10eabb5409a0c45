package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.usb.UsbControlSetup;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbTransferType;
import java.util.Arrays;

/**
 * A CMSIS-DAP v1 probe: a HID interface without report IDs whose input and output reports are DAP_PACKET_SIZE
 * bytes, on interrupt endpoints polled every frame (cmsis-dap.md §11.1). Every answer goes out as a full report,
 * zero-padded. Output reports may also come as SET_REPORT on endpoint 0; the report descriptor is served on
 * request.
 */
public final class CmsisDapHidDevice extends CmsisDapUsbDevice {

    private static final int HID_CLASS_OUT = 0x21;
    private static final int HID_SET_REPORT = 0x09;
    private static final int HID_SET_IDLE = 0x0A;
    private static final int OUTPUT_REPORT = 0x02;
    private static final int STANDARD_INTERFACE_IN = 0x81;
    private static final int GET_DESCRIPTOR = 0x06;
    private static final int HID_REPORT_DESCRIPTOR = 0x22;

    private final int reportSize;

    public CmsisDapHidDevice(CmsisDapProbe probe) {
        super(probe, LinkTiming.HID_FULL_SPEED, UsbInterfaceInfo.CLASS_HID, UsbTransferType.INTERRUPT, 1);
        this.reportSize = probe.identity().packetSize();
    }

    /** A DAPLink interface chip in CMSIS-DAP v1 mode ({@link ProbeIdentity#daplinkV1}) wired to {@code fixture}. */
    public static CmsisDapHidDevice daplink(int unit, Fixture fixture) {
        return new CmsisDapHidDevice(new CmsisDapProbe(ProbeIdentity.daplinkV1(unit), fixture));
    }

    @Override
    protected InTransfer nextFramedAnswer() {
        CmsisDapProbe.Answer answer = probe().nextAnswer();
        return answer == null ? null : new InTransfer(Arrays.copyOf(answer.data(), reportSize), answer.readyNanos());
    }

    @Override
    public byte[] control(UsbControlSetup setup, byte[] data, int length, long arrivalNanos) {
        int type = setup.value() >>> 8;
        if (setup.requestType() == HID_CLASS_OUT && setup.request() == HID_SET_REPORT && type == OUTPUT_REPORT) {
            probe().receive(data, arrivalNanos);
            return new byte[0];
        }
        if (setup.requestType() == HID_CLASS_OUT && setup.request() == HID_SET_IDLE) {
            return new byte[0];
        }
        if (setup.requestType() == STANDARD_INTERFACE_IN && setup.request() == GET_DESCRIPTOR
                && type == HID_REPORT_DESCRIPTOR) {
            byte[] descriptor = reportDescriptor();
            return Arrays.copyOf(descriptor, Math.min(length, descriptor.length));
        }
        return super.control(setup, data, length, arrivalNanos);
    }

    /** Vendor usage page 0xFF00, one input and one output report of reportSize bytes, no report IDs. */
    private byte[] reportDescriptor() {
        int lo = reportSize & 0xFF;
        int hi = reportSize >>> 8;
        int[] items = {
            0x06, 0x00, 0xFF,       // Usage Page (vendor 0xFF00)
            0x09, 0x01,             // Usage (1)
            0xA1, 0x01,             // Collection (Application)
            0x15, 0x00,             //   Logical Minimum (0)
            0x26, 0xFF, 0x00,       //   Logical Maximum (255)
            0x75, 0x08,             //   Report Size (8 bits)
            0x96, lo, hi,           //   Report Count (reportSize)
            0x09, 0x01,             //   Usage (1)
            0x81, 0x02,             //   Input (Data, Variable, Absolute)
            0x96, lo, hi,           //   Report Count (reportSize)
            0x09, 0x01,             //   Usage (1)
            0x91, 0x02,             //   Output (Data, Variable, Absolute)
            0xC0                    // End Collection
        };
        byte[] bytes = new byte[items.length];
        for (int i = 0; i < items.length; i++) {
            bytes[i] = (byte) items[i];
        }
        return bytes;
    }
}
