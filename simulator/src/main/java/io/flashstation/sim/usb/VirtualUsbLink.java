package io.flashstation.sim.usb;

import io.flashstation.usb.UsbControlSetup;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbLink;
import io.flashstation.usb.UsbTimeoutException;
import io.flashstation.usb.UsbTransferType;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An open virtual device. Transfers are charged on the link's {@link VirtualHostClock} with TIMING.md §3: an
 * OUT transfer's packets reach the device at send + L/2 + n/B; an IN transfer completes at
 * max(asked, ready) + L/2 + n/B. Nothing sleeps on the wall clock, not even a timeout.
 */
public final class VirtualUsbLink implements UsbLink {

    /** The setup stage of a control transfer is an 8-byte packet. */
    private static final int SETUP_PACKET_BYTES = 8;

    private final UsbDeviceInfo info;
    private final VirtualUsbDevice device;
    private final Runnable release;
    private final VirtualHostClock clock;
    private final Set<Integer> claimed = new HashSet<>();
    /** What is left of a device answer after an IN transfer took only its first packets. */
    private final Map<Integer, Deque<VirtualUsbDevice.InTransfer>> leftovers = new HashMap<>();
    private volatile boolean gone;
    private boolean closed;

    VirtualUsbLink(UsbDeviceInfo info, VirtualUsbDevice device, Runnable release, VirtualHostClock clock) {
        this.clock = clock;
        this.info = info;
        this.device = device;
        this.release = release;
    }

    @Override
    public UsbDeviceInfo device() {
        return info;
    }

    @Override
    public VirtualHostClock clock() {
        return clock;
    }

    @Override
    public synchronized void claimInterface(int interfaceNumber) throws UsbException {
        requireUsable();
        if (info.findInterface(interfaceNumber).isEmpty()) {
            throw new UsbException(info + " has no interface " + interfaceNumber);
        }
        claimed.add(interfaceNumber);
    }

    @Override
    public int bulkTransfer(int endpoint, byte[] buffer, int offset, int length, long timeoutMillis)
            throws UsbException {
        return transfer(UsbTransferType.BULK, endpoint, buffer, offset, length, timeoutMillis);
    }

    @Override
    public int interruptTransfer(int endpoint, byte[] buffer, int offset, int length, long timeoutMillis)
            throws UsbException {
        return transfer(UsbTransferType.INTERRUPT, endpoint, buffer, offset, length, timeoutMillis);
    }

    @Override
    public synchronized int controlTransfer(UsbControlSetup setup, byte[] buffer, int offset, int length,
            long timeoutMillis) throws UsbException {
        requireUsable();
        UsbPacketTiming timing = new UsbPacketTiming(device.linkTiming(), false);
        long sent = clock.nanos();
        byte[] dataOut = setup.isIn() ? new byte[0] : Arrays.copyOfRange(buffer, offset, offset + length);
        long arrival = sent + timing.halfLatency()
                + timing.payloadNanos(SETUP_PACKET_BYTES + dataOut.length, device.linkTiming().maxPacket());
        byte[] answer;
        try {
            answer = device.control(setup, dataOut, length, arrival);
        } catch (UnsupportedOperationException e) {
            clock.advanceTo(arrival + timing.halfLatency());
            requireStillPresent();
            throw new UsbException("control request " + setup + " stalled by " + info);
        }
        requireStillPresent();
        if (!setup.isIn()) {
            clock.advanceTo(arrival + timing.halfLatency());
            return length;
        }
        int moved = Math.min(length, answer.length);
        System.arraycopy(answer, 0, buffer, offset, moved);
        clock.advanceTo(arrival + timing.halfLatency() + timing.payloadNanos(moved, device.linkTiming().maxPacket()));
        return moved;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (!gone) {
            device.closed(clock.nanos());
        }
        release.run();
    }

    /** The device was unplugged: its host session ended, and every call on this link fails from now on. */
    void deviceLeft() {
        gone = true;
        device.closed(clock.nanos());
    }

    private synchronized int transfer(UsbTransferType type, int endpoint, byte[] buffer, int offset, int length,
            long timeoutMillis) throws UsbException {
        requireUsable();
        UsbEndpointInfo ep = claimedEndpoint(endpoint, type);
        UsbPacketTiming timing = new UsbPacketTiming(device.linkTiming(), type == UsbTransferType.INTERRUPT);
        int moved = ep.isIn()
                ? receiveIn(ep, timing, buffer, offset, length, timeoutMillis)
                : sendOut(ep, timing, buffer, offset, length);
        requireStillPresent();
        return moved;
    }

    /** Splits the transfer into packets as the host controller does; each packet arrives when its last byte does. */
    private int sendOut(UsbEndpointInfo ep, UsbPacketTiming timing, byte[] buffer, int offset, int length)
            throws UsbException {
        long sent = clock.nanos();
        int maxPacket = ep.maxPacketSize();
        int done = 0;
        do {
            int size = Math.min(maxPacket, length - done);
            byte[] packet = Arrays.copyOfRange(buffer, offset + done, offset + done + size);
            done += size;
            device.receive(ep.address(), packet, sent + timing.halfLatency() + timing.payloadNanos(done, maxPacket));
            requireStillPresent();
        } while (done < length);
        // The host's controller is free once the bytes are on the wire; the firmware latency is the device's.
        clock.advanceTo(sent + timing.payloadNanos(length, maxPacket));
        return length;
    }

    /**
     * Takes the device's next answer. An answer longer than the transfer is only legal when the transfer ends on
     * a packet boundary (the rest waits for the next transfer); otherwise the last packet overflows, as on USB.
     */
    private int receiveIn(UsbEndpointInfo ep, UsbPacketTiming timing, byte[] buffer, int offset, int length,
            long timeoutMillis) throws UsbException {
        long asked = clock.nanos();
        Deque<VirtualUsbDevice.InTransfer> pending = leftovers.computeIfAbsent(ep.address(), a -> new ArrayDeque<>());
        VirtualUsbDevice.InTransfer answer = pending.isEmpty() ? device.nextIn(ep.address()) : pending.poll();
        requireStillPresent();
        long timeoutNanos = timeoutMillis > 0 ? timeoutMillis * 1_000_000L : Long.MAX_VALUE;
        if (answer == null || answer.readyNanos() - asked > timeoutNanos) {
            if (answer != null) {
                pending.addFirst(answer);
            }
            if (timeoutMillis > 0) {
                clock.advanceTo(asked + timeoutNanos);
            }
            throw new UsbTimeoutException("no answer on endpoint 0x" + Integer.toHexString(ep.address())
                    + " of " + info + " within " + timeoutMillis + " ms");
        }
        byte[] data = answer.data();
        int moved = Math.min(length, data.length);
        if (data.length > length) {
            if (length % ep.maxPacketSize() != 0) {
                throw new UsbException("overflow: " + info + " sent " + data.length + " bytes to a "
                        + length + "-byte transfer on endpoint 0x" + Integer.toHexString(ep.address()));
            }
            pending.addFirst(new VirtualUsbDevice.InTransfer(Arrays.copyOfRange(data, length, data.length),
                    answer.readyNanos()));
        }
        System.arraycopy(data, 0, buffer, offset, moved);
        clock.advanceTo(Math.max(asked, answer.readyNanos()) + timing.halfLatency()
                + timing.payloadNanos(moved, ep.maxPacketSize()));
        return moved;
    }

    private UsbEndpointInfo claimedEndpoint(int endpoint, UsbTransferType type) throws UsbException {
        for (int number : claimed) {
            UsbInterfaceInfo itf = info.findInterface(number).orElseThrow();
            for (UsbEndpointInfo ep : itf.endpoints()) {
                if (ep.address() == endpoint) {
                    if (ep.type() != type) {
                        throw new UsbException("endpoint 0x" + Integer.toHexString(endpoint) + " of " + info
                                + " is " + ep.type() + ", not " + type);
                    }
                    return ep;
                }
            }
        }
        throw new UsbException("endpoint 0x" + Integer.toHexString(endpoint) + " is not in a claimed interface of "
                + info);
    }

    private void requireUsable() throws UsbException {
        requireStillPresent();
        if (closed) {
            throw new UsbException("link to " + info + " is closed");
        }
    }

    private void requireStillPresent() throws UsbDeviceGoneException {
        if (gone) {
            throw new UsbDeviceGoneException(info + " left the bus");
        }
    }
}
