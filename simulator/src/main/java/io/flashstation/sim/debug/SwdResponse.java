package io.flashstation.sim.debug;

/**
 * The target's side of one SWD transaction.
 *
 * @param ack      the ACK the target drove (or {@link SwdAck#NO_RESPONSE})
 * @param data     the read data phase as it arrived at the host (0 for writes and for non-OK answers)
 * @param parityOk false when the read data arrived with a wrong parity bit
 */
public record SwdResponse(SwdAck ack, int data, boolean parityOk) {
}
