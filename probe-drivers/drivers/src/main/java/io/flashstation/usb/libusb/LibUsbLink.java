package io.flashstation.usb.libusb;

import io.flashstation.usb.HostClock;
import io.flashstation.usb.UsbControlSetup;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbLink;
import org.usb4java.DeviceHandle;
import org.usb4java.LibUsb;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An open libusb device handle behind the seam's {@link UsbLink}: synchronous transfers through direct buffers,
 * libusb errors turned into the seam's exceptions. Methods are synchronized so that the bus closing the link at
 * shutdown waits for a transfer in flight instead of freeing the handle under it.
 */
public final class LibUsbLink implements UsbLink {

    /** Bit 7 of bEndpointAddress: set for IN endpoints (USB 2.0 §9.6.6). */
    private static final int DIRECTION_IN = 0x80;
    /** wLength of a control transfer is 16 bits (USB 2.0 §9.3). */
    private static final int MAX_CONTROL_LENGTH = 0xFFFF;

    private final DeviceHandle handle;
    private final UsbDeviceInfo device;
    private final Consumer<LibUsbLink> onClose;
    private final boolean kernelDriversDetachAutomatically;
    private final Set<Integer> claimed = new LinkedHashSet<>();
    private final Set<Integer> detached = new LinkedHashSet<>();
    private final TransferBuffer buffer = new TransferBuffer(512);
    private final IntBuffer transferred = IntBuffer.allocate(1);
    private boolean closed;

    LibUsbLink(DeviceHandle handle, UsbDeviceInfo device, Consumer<LibUsbLink> onClose) {
        this.handle = handle;
        this.device = device;
        this.onClose = onClose;
        // Linux supports it (claim detaches, release re-attaches); other systems answer NOT_SUPPORTED. The
        // capability query cannot decide this: usb4java reports it false even on Linux (quarkus-usb4java.md §7.1).
        this.kernelDriversDetachAutomatically =
                LibUsb.setAutoDetachKernelDriver(handle, true) == LibUsb.SUCCESS;
    }

    @Override
    public UsbDeviceInfo device() {
        return device;
    }

    @Override
    public synchronized void claimInterface(int interfaceNumber) throws UsbException {
        ensureOpen();
        if (claimed.contains(interfaceNumber)) {
            return;
        }
        if (!kernelDriversDetachAutomatically && isHid(interfaceNumber)) {
            detachKernelDriver(interfaceNumber);
        }
        int result = LibUsb.claimInterface(handle, interfaceNumber);
        if (result != LibUsb.SUCCESS) {
            throw LibUsbErrors.failure(result, "claim interface " + interfaceNumber + " of " + device);
        }
        claimed.add(interfaceNumber);
    }

    @Override
    public synchronized int bulkTransfer(int endpoint, byte[] buffer, int offset, int length, long timeoutMillis)
            throws UsbException {
        return pipeTransfer(false, endpoint, buffer, offset, length, timeoutMillis);
    }

    @Override
    public synchronized int interruptTransfer(int endpoint, byte[] buffer, int offset, int length,
                                              long timeoutMillis) throws UsbException {
        return pipeTransfer(true, endpoint, buffer, offset, length, timeoutMillis);
    }

    @Override
    public synchronized int controlTransfer(UsbControlSetup setup, byte[] buffer, int offset, int length,
                                            long timeoutMillis) throws UsbException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length > MAX_CONTROL_LENGTH) {
            throw new IllegalArgumentException("wLength " + length + " exceeds 16 bits");
        }
        requireTimeout(timeoutMillis);
        ensureOpen();
        ByteBuffer data = setup.isIn() ? this.buffer.incoming(length) : this.buffer.outgoing(buffer, offset, length);
        int result = LibUsb.controlTransfer(handle, (byte) setup.requestType(), (byte) setup.request(),
                (short) setup.value(), (short) setup.index(), data, timeoutMillis);
        if (result < 0) {
            // The synchronous control call reports no partial count, so a timeout carries only its duration.
            throw LibUsbErrors.failure(result, String.format(
                    "control transfer (bmRequestType 0x%02x, bRequest 0x%02x, %d ms timeout) on %s",
                    setup.requestType(), setup.request(), timeoutMillis, device));
        }
        if (setup.isIn()) {
            TransferBuffer.copyReceived(data, result, buffer, offset);
        }
        return result;
    }

    @Override
    public HostClock clock() {
        return HostClock.WALL;
    }

    /** Releases claimed interfaces, gives detached interfaces back to their kernel driver and closes the handle. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Failures are ignored on purpose: after an unplug every one of these fails and nothing is left to undo.
        claimed.forEach(number -> LibUsb.releaseInterface(handle, number));
        detached.forEach(number -> LibUsb.attachKernelDriver(handle, number));
        LibUsb.close(handle);
        onClose.accept(this);
    }

    private int pipeTransfer(boolean interrupt, int endpoint, byte[] buffer, int offset, int length,
                             long timeoutMillis) throws UsbException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        requireTimeout(timeoutMillis);
        ensureOpen();
        boolean in = (endpoint & DIRECTION_IN) != 0;
        ByteBuffer data = in ? this.buffer.incoming(length) : this.buffer.outgoing(buffer, offset, length);
        // usb4java only writes the count back on success or timeout; clear it so other errors read as zero.
        transferred.put(0, 0);
        int result = interrupt
                ? LibUsb.interruptTransfer(handle, (byte) endpoint, data, transferred, timeoutMillis)
                : LibUsb.bulkTransfer(handle, (byte) endpoint, data, transferred, timeoutMillis);
        int moved = transferred.get(0);
        if (in) {
            // Even on a timeout, libusb keeps what did arrive (quarkus-usb4java.md §7.4).
            TransferBuffer.copyReceived(data, moved, buffer, offset);
        }
        if (result != LibUsb.SUCCESS) {
            String operation = String.format("%s %s transfer on endpoint 0x%02x of %s",
                    interrupt ? "interrupt" : "bulk", in ? "IN" : "OUT", endpoint, device);
            throw LibUsbErrors.transferFailure(result, operation, moved, length, timeoutMillis);
        }
        return moved;
    }

    /**
     * Without automatic detaching, a HID interface (CMSIS-DAP v1) stays bound to usbhid and cannot be claimed
     * until it is detached by hand. NOT_FOUND (no driver bound) and NOT_SUPPORTED (no such notion on this OS)
     * mean there is nothing to detach.
     */
    private void detachKernelDriver(int interfaceNumber) throws UsbException {
        int result = LibUsb.detachKernelDriver(handle, interfaceNumber);
        if (result == LibUsb.SUCCESS) {
            detached.add(interfaceNumber);
        } else if (result != LibUsb.ERROR_NOT_FOUND && result != LibUsb.ERROR_NOT_SUPPORTED) {
            throw LibUsbErrors.failure(result, "detach the kernel driver from interface " + interfaceNumber
                    + " of " + device);
        }
    }

    private boolean isHid(int interfaceNumber) {
        return device.findInterface(interfaceNumber)
                .map(iface -> iface.interfaceClass() == UsbInterfaceInfo.CLASS_HID)
                .orElse(false);
    }

    private void ensureOpen() throws UsbException {
        if (closed) {
            throw new UsbException("the link to " + device + " is closed");
        }
    }

    private static void requireTimeout(long timeoutMillis) {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeout " + timeoutMillis + " ms");
        }
    }
}
