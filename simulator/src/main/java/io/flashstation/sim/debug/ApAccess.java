package io.flashstation.sim.debug;

/**
 * The outcome of one access-port register access.
 *
 * @param ok           false when the AP's bus access failed (the DP then sets STICKYERR)
 * @param data         the register value for reads
 * @param readyAtNanos when the access completes; the DP answers WAIT to the host until then
 */
public record ApAccess(boolean ok, int data, long readyAtNanos) {
}
