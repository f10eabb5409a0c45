package io.flashstation.sim.usb;

/**
 * The USB link model of TIMING.md §3: round-trip latency L and payload bandwidth B. A host→device transfer
 * of n bytes arrives at send + L/2 + n/B; a device→host transfer completes at max(asked, ready) + L/2 + n/B.
 *
 * @param roundTripNanos   L, probe firmware overhead included
 * @param bytesPerSecond   B
 * @param maxPacket        the largest packet of the link's data endpoints
 */
public record LinkTiming(long roundTripNanos, long bytesPerSecond, int maxPacket) {

    /** CMSIS-DAP v1: HID full speed, interrupt endpoints polled every 1 ms frame, 64 bytes a frame. */
    public static final LinkTiming HID_FULL_SPEED = new LinkTiming(1_000_000, 64_000, 64);
    /** Full-speed bulk (CMSIS-DAP v2 FS, ST-Link V2/V2-1, J-Link OB). */
    public static final LinkTiming BULK_FULL_SPEED = new LinkTiming(500_000, 1_000_000, 64);
    /** High-speed bulk (CMSIS-DAP v2 HS, ST-Link V3). */
    public static final LinkTiming BULK_HIGH_SPEED = new LinkTiming(125_000, 40_000_000, 512);

    /** n/B in nanoseconds. */
    public long payloadNanos(int bytes) {
        return bytes * 1_000_000_000L / bytesPerSecond;
    }
}
