package io.flashstation.probe.cmsisdap;

import io.flashstation.usb.HostClock;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbLink;
import java.util.Arrays;

/**
 * CMSIS-DAP v1: one command per HID output report and one answer per input report, both full report size and
 * without report IDs, on the interface's interrupt endpoints (cmsis-dap.md §11.1). The report size is the DAP packet
 * size; before DAP_Info says otherwise it is 64, the full-speed size every v1 probe answers the first commands at.
 */
final class HidTransport implements DapTransport {

    static final int INITIAL_REPORT_SIZE = 64;

    private final UsbLink link;
    private final DapInterface itf;
    private final long timeoutMillis;
    private int reportSize = INITIAL_REPORT_SIZE;

    HidTransport(UsbLink link, DapInterface itf, long timeoutMillis) {
        this.link = link;
        this.itf = itf;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public void send(byte[] command) throws UsbException {
        byte[] report = Arrays.copyOf(command, reportSize); // zero padding to the full report
        link.interruptTransfer(itf.outEndpoint(), report, 0, report.length, timeoutMillis);
    }

    @Override
    public byte[] receive() throws UsbException {
        byte[] report = new byte[reportSize];
        int length = link.interruptTransfer(itf.inEndpoint(), report, 0, report.length, timeoutMillis);
        return length == report.length ? report : Arrays.copyOf(report, length);
    }

    @Override
    public void usePacketSize(int packetSize) {
        reportSize = packetSize;
    }

    @Override
    public HostClock clock() {
        return link.clock();
    }

    @Override
    public void close() {
        link.close();
    }
}
