package io.flashstation.probe.cmsisdap;

import io.flashstation.sim.usb.DeviceDescriptor;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.usb.UsbControlSetup;

/** A virtual device that someone pulls out of its port right after the host sent it a chosen number of packets. */
final class UnpluggingDevice implements VirtualUsbDevice {

    private final VirtualUsbDevice device;
    private VirtualUsbBus bus;
    private String port;
    private int packetsLeft;

    UnpluggingDevice(VirtualUsbDevice device) {
        this.device = device;
    }

    /** Arms the unplug: after {@code packets} more OUT packets the device leaves {@code port} of {@code bus}. */
    void unplugAfter(int packets, VirtualUsbBus onBus, String atPort) {
        this.packetsLeft = packets;
        this.bus = onBus;
        this.port = atPort;
    }

    @Override
    public DeviceDescriptor descriptor() {
        return device.descriptor();
    }

    @Override
    public LinkTiming linkTiming() {
        return device.linkTiming();
    }

    @Override
    public void receive(int endpoint, byte[] data, long arrivalNanos) {
        device.receive(endpoint, data, arrivalNanos);
        if (packetsLeft > 0 && --packetsLeft == 0) {
            bus.unplug(port);
        }
    }

    @Override
    public InTransfer nextIn(int endpoint) {
        return device.nextIn(endpoint);
    }

    @Override
    public byte[] control(UsbControlSetup setup, byte[] data, int length, long arrivalNanos) {
        return device.control(setup, data, length, arrivalNanos);
    }

    @Override
    public void opened(long nanos) {
        device.opened(nanos);
    }

    @Override
    public void closed(long nanos) {
        device.closed(nanos);
    }
}
