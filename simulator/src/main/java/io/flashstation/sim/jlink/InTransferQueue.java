package io.flashstation.sim.jlink;

import io.flashstation.sim.usb.VirtualUsbDevice.InTransfer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Answers waiting on the bulk IN endpoint. A transfer ends on a short packet, so an answer whose length is a
 * whole number of packets is followed by a zero-length packet; without it libjaylink, which always asks for
 * 2048 bytes, would wait out its 1 s timeout (jlink.md §1.3, §7).
 */
final class InTransferQueue {

    private final int maxPacket;
    private final Deque<InTransfer> pending = new ArrayDeque<>();

    InTransferQueue(int maxPacket) {
        this.maxPacket = maxPacket;
    }

    void add(byte[] data, long readyNanos) {
        pending.add(new InTransfer(data, readyNanos));
        if (data.length > 0 && data.length % maxPacket == 0) {
            pending.add(new InTransfer(new byte[0], readyNanos));
        }
    }

    /** The oldest answer, or null when nothing waits. */
    InTransfer poll() {
        return pending.poll();
    }
}
