package io.flashstation.sim.usb;

import io.flashstation.usb.UsbControlSetup;

/**
 * The device side of a virtual USB device: probe firmware answering transfers. The virtual bus delivers
 * each host transfer with its virtual arrival time and collects answers with the virtual time they are
 * ready (TIMING.md §3); the device does its work, including the target's, in virtual time.
 */
public interface VirtualUsbDevice {

    /** Descriptors as the device reports them. */
    DeviceDescriptor descriptor();

    /** Latency and bandwidth of this device's link. */
    LinkTiming linkTiming();

    /** A host→device transfer on an OUT endpoint arriving at {@code arrivalNanos}. */
    void receive(int endpoint, byte[] data, long arrivalNanos);

    /**
     * The next transfer queued on an IN endpoint, or null when the device has nothing to send (the host's
     * transfer would then time out).
     */
    InTransfer nextIn(int endpoint);

    /**
     * A control transfer arriving at {@code arrivalNanos}. For IN requests, returns the data stage (at most
     * {@code length} bytes); for OUT requests, {@code data} holds the host's data stage and the result is ignored.
     * Throws {@link UnsupportedOperationException} for requests the device stalls.
     */
    byte[] control(UsbControlSetup setup, byte[] data, int length, long arrivalNanos);

    /** The device was opened by a host (a session starts). */
    void opened(long nanos);

    /** The host closed the device (the session ends). */
    void closed(long nanos);

    /** An answer on an IN endpoint and the virtual instant it was ready. */
    record InTransfer(byte[] data, long readyNanos) {
    }
}
