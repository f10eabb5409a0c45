package io.flashstation.probe.cmsisdap;

import io.flashstation.usb.HostClock;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbLink;
import java.util.Arrays;

/**
 * CMSIS-DAP v2: commands and answers as exact-length bulk transfers on the interface's first OUT and IN endpoints
 * (cmsis-dap.md §11.2). Reads always offer a whole DAP packet so any answer fits. A zero-length packet only ever
 * ends an answer that filled whole USB packets (no answer is empty: each starts with its command ID), so one that
 * arrives on its own belongs to the previous answer and is skipped.
 */
final class BulkTransport implements DapTransport {

    private final UsbLink link;
    private final DapInterface itf;
    private final long timeoutMillis;
    private int packetSize;

    BulkTransport(UsbLink link, DapInterface itf, long timeoutMillis) {
        this.link = link;
        this.itf = itf;
        this.timeoutMillis = timeoutMillis;
        this.packetSize = itf.maxPacketSize();
    }

    @Override
    public void send(byte[] command) throws UsbException {
        link.bulkTransfer(itf.outEndpoint(), command, 0, command.length, timeoutMillis);
    }

    @Override
    public byte[] receive() throws UsbException {
        byte[] buffer = new byte[packetSize];
        int length;
        do {
            length = link.bulkTransfer(itf.inEndpoint(), buffer, 0, buffer.length, timeoutMillis);
        } while (length == 0);
        return Arrays.copyOf(buffer, length);
    }

    @Override
    public void usePacketSize(int newPacketSize) {
        packetSize = newPacketSize;
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
