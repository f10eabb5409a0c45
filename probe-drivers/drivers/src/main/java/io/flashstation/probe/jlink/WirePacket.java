package io.flashstation.probe.jlink;

import java.util.function.IntConsumer;

/**
 * One SWD packet as clocked on the wire. {@code target} receives its read data, which for a posted AP read is the
 * previous AP read's value; {@code owner} is the index of the queued transfer it was clocked for (-1 for the
 * driver's own packets); {@code resume} is where planning restarts when the packet is answered WAIT (null for
 * the driver's own packets).
 */
record WirePacket(boolean ap, boolean read, int address, int value, ReadTarget target, int owner,
        PlanPoint resume) {

    /** Where read data goes, and which queued transfer it answers. */
    record ReadTarget(IntConsumer sink, int owner) {
    }

    static WirePacket read(boolean ap, int address, ReadTarget target, int owner, PlanPoint resume) {
        return new WirePacket(ap, true, address, 0, target, owner, resume);
    }

    static WirePacket write(boolean ap, int address, int value, int owner, PlanPoint resume) {
        return new WirePacket(ap, false, address, value, null, owner, resume);
    }

    /** Lays the packet out on {@code seq}; returns the clock its request starts at. */
    int appendTo(SwdIoSequence seq) {
        return read ? SwdWireLayout.appendRead(seq, ap, address) : SwdWireLayout.appendWrite(seq, ap, address, value);
    }

    String describe() {
        return String.format("%s %s A=0x%X", ap ? "AP" : "DP", read ? "read" : "write", address);
    }
}
