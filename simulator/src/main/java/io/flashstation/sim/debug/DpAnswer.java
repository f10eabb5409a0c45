package io.flashstation.sim.debug;

/**
 * What the SW-DP drives after a request: the ACK and, for an OK read, the data phase as it leaves the target.
 *
 * @param ack    the ACK (NO_RESPONSE when the target drives nothing)
 * @param data   read data as driven (possibly corrupted by the fault plan)
 * @param parity the parity bit as driven (always that of the uncorrupted data)
 */
public record DpAnswer(SwdAck ack, int data, boolean parity) {

    static final DpAnswer WAIT = new DpAnswer(SwdAck.WAIT, 0, false);
    static final DpAnswer FAULT = new DpAnswer(SwdAck.FAULT, 0, false);
    static final DpAnswer NO_RESPONSE = new DpAnswer(SwdAck.NO_RESPONSE, 0, false);
    static final DpAnswer WRITE_OK = new DpAnswer(SwdAck.OK, 0, false);
}
