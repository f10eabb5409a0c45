package io.flashstation.probe.lab;

import io.flashstation.sim.usb.DeviceDescriptor;
import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.sim.usb.VirtualUsbDevice;
import io.flashstation.usb.UsbControlSetup;

/**
 * A virtual device that someone pulls out of its port right after the host sent it a chosen number of packets. The
 * pull happens on a thread of its own, as a hotplug does, while the host's transfer is still in progress; the
 * packet that triggered it waits for the pull to finish, so where it lands in the host's work is deterministic.
 */
public final class UnpluggingDevice implements VirtualUsbDevice {

    private final VirtualUsbDevice device;
    private VirtualUsbBus bus;
    private String port;
    private int packetsLeft;
    private volatile long unpluggedAtWallNanos;

    public UnpluggingDevice(VirtualUsbDevice device) {
        this.device = device;
    }

    /** Arms the unplug: after {@code packets} more OUT packets the device leaves {@code port} of {@code bus}. */
    public synchronized void unplugAfter(int packets, VirtualUsbBus onBus, String atPort) {
        this.packetsLeft = packets;
        this.bus = onBus;
        this.port = atPort;
    }

    /** True once the armed unplug happened. */
    public boolean unplugged() {
        return unpluggedAtWallNanos != 0;
    }

    /** {@link System#nanoTime()} when the device left its port (0 before). */
    public long unpluggedAtWallNanos() {
        return unpluggedAtWallNanos;
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
        countPacket();
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

    private void countPacket() {
        boolean pull;
        synchronized (this) {
            pull = packetsLeft > 0 && --packetsLeft == 0;
        }
        if (pull) {
            Thread hotplug = new Thread(() -> {
                unpluggedAtWallNanos = System.nanoTime();
                bus.unplug(port);
            }, "hotplug-unplug-" + port);
            hotplug.start();
            try {
                hotplug.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
