package io.flashstation.sim.usb;

/**
 * When the bytes of one transfer arrive on a link (TIMING.md §3). Bulk packets share the bandwidth B byte by
 * byte; an interrupt endpoint moves one packet per service interval, so a HID report costs a whole frame
 * (maxPacket / B) whatever its size.
 */
final class UsbPacketTiming {

    private final LinkTiming timing;
    private final boolean interrupt;

    UsbPacketTiming(LinkTiming timing, boolean interrupt) {
        this.timing = timing;
        this.interrupt = interrupt;
    }

    /** One-way latency L/2. */
    long halfLatency() {
        return timing.roundTripNanos() / 2;
    }

    /** The time the first {@code bytes} of a transfer split into {@code maxPacket} packets occupy the bus. */
    long payloadNanos(int bytes, int maxPacket) {
        if (!interrupt) {
            return timing.payloadNanos(bytes);
        }
        int packets = Math.max(1, (bytes + maxPacket - 1) / maxPacket);
        return packets * timing.payloadNanos(maxPacket);
    }
}
