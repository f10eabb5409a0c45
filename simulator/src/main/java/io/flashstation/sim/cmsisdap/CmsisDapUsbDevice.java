package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.usb.DeviceDescriptor;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.usb.UsbControlSetup;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbTransferType;
import java.util.List;

/**
 * A virtual CMSIS-DAP probe on the USB bus: one interface with a command OUT endpoint and a response IN endpoint
 * in that order (cmsis-dap.md §11), in front of the probe's firmware. Subclasses say how packets are framed.
 */
public abstract class CmsisDapUsbDevice implements VirtualUsbDevice {

    /** The endpoint commands arrive on. */
    public static final int OUT_ENDPOINT = 0x01;
    /** The endpoint answers leave on. */
    public static final int IN_ENDPOINT = 0x81;

    private final CmsisDapProbe probe;
    private final LinkTiming linkTiming;
    private final DeviceDescriptor descriptor;

    protected CmsisDapUsbDevice(CmsisDapProbe probe, LinkTiming linkTiming, int interfaceClass,
            UsbTransferType endpointType, int endpointInterval) {
        this.probe = probe;
        this.linkTiming = linkTiming;
        ProbeIdentity id = probe.identity();
        int maxPacket = Math.min(id.packetSize(), linkTiming.maxPacket());
        UsbInterfaceInfo dapInterface = new UsbInterfaceInfo(0, 0, interfaceClass, 0, 0, id.interfaceName(), List.of(
                new UsbEndpointInfo(OUT_ENDPOINT, endpointType, maxPacket, endpointInterval),
                new UsbEndpointInfo(IN_ENDPOINT, endpointType, maxPacket, endpointInterval)));
        this.descriptor = new DeviceDescriptor(id.vendorId(), id.productId(), id.deviceVersionBcd(), id.serial(),
                id.manufacturer(), id.product(), id.speed(), List.of(dapInterface));
    }

    /** The firmware behind this device: its identity, LEDs, fixture and clock. */
    public CmsisDapProbe probe() {
        return probe;
    }

    @Override
    public DeviceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public LinkTiming linkTiming() {
        return linkTiming;
    }

    @Override
    public void receive(int endpoint, byte[] data, long arrivalNanos) {
        requireEndpoint(endpoint, OUT_ENDPOINT);
        probe.receive(data, arrivalNanos);
    }

    @Override
    public InTransfer nextIn(int endpoint) {
        requireEndpoint(endpoint, IN_ENDPOINT);
        return nextFramedAnswer();
    }

    /** The next answer as this transport sends it, or null when there is none. */
    protected abstract InTransfer nextFramedAnswer();

    /** Standard requests are the bus's business; the device itself stalls every other request. */
    @Override
    public byte[] control(UsbControlSetup setup, byte[] data, int length, long arrivalNanos) {
        throw new UnsupportedOperationException("request not supported: " + setup);
    }

    @Override
    public void opened(long nanos) {
        probe.hostOpened(nanos);
    }

    @Override
    public void closed(long nanos) {
        probe.hostClosed(nanos);
    }

    private static void requireEndpoint(int endpoint, int expected) {
        if (endpoint != expected) {
            throw new IllegalArgumentException(String.format("no such endpoint 0x%02x", endpoint));
        }
    }
}
