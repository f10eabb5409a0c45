package io.flashstation.probe.jlink;

/**
 * A place in a batch from which packets can be planned again: the next queued transfer, the posted AP read
 * whose value the DP still holds (null if none), and the AP write not yet known to have succeeded (-1 if none).
 */
record PlanPoint(int transfer, WirePacket.ReadTarget posted, int unconfirmedWrite) {

    static final PlanPoint START = new PlanPoint(0, null, -1);
}
