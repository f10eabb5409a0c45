package io.flashstation.sim.usb;

import io.flashstation.usb.UsbControlSetup;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbTransferType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A device for exercising the bus itself: records the packets it receives with their arrival times and answers
 * with what the test queued. Endpoints 0x01/0x81 are bulk (or interrupt for a HID-timed device).
 */
final class ScriptedDevice implements VirtualUsbDevice {

    record Packet(int endpoint, byte[] data, long arrivalNanos) {
    }

    private final LinkTiming timing;
    private final UsbTransferType type;
    private final List<Packet> received = new ArrayList<>();
    private final Deque<InTransfer> answers = new ArrayDeque<>();
    private final List<String> events = new ArrayList<>();
    volatile CountDownLatch receiving;
    volatile CountDownLatch release;

    ScriptedDevice(LinkTiming timing, UsbTransferType type) {
        this.timing = timing;
        this.type = type;
    }

    @Override
    public DeviceDescriptor descriptor() {
        int packet = timing.maxPacket();
        return new DeviceDescriptor(0x1234, 0x5678, 0x0100, "SCRIPTED1", "lab", "scripted device",
                timing == LinkTiming.BULK_HIGH_SPEED ? UsbSpeed.HIGH : UsbSpeed.FULL,
                List.of(new UsbInterfaceInfo(0, 0, 0xFF, 0, 0, "data", List.of(
                        new UsbEndpointInfo(0x01, type, packet, 1),
                        new UsbEndpointInfo(0x81, type, packet, 1)))));
    }

    @Override
    public LinkTiming linkTiming() {
        return timing;
    }

    @Override
    public void receive(int endpoint, byte[] data, long arrivalNanos) {
        if (receiving != null) {
            receiving.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            received.add(new Packet(endpoint, data, arrivalNanos));
        }
    }

    @Override
    public synchronized InTransfer nextIn(int endpoint) {
        return answers.poll();
    }

    @Override
    public byte[] control(UsbControlSetup setup, byte[] data, int length, long arrivalNanos) {
        throw new UnsupportedOperationException("stall");
    }

    @Override
    public synchronized void opened(long nanos) {
        events.add("opened");
    }

    @Override
    public synchronized void closed(long nanos) {
        events.add("closed");
    }

    synchronized void answer(byte[] data, long readyNanos) {
        answers.add(new InTransfer(data, readyNanos));
    }

    synchronized List<Packet> received() {
        return List.copyOf(received);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }
}
