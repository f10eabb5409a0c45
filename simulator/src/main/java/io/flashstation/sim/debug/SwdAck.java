package io.flashstation.sim.debug;

/** The three ACK bits of an SWD transaction, plus the pattern a host reads when no target drives the line. */
public enum SwdAck {
    OK(0b001), WAIT(0b010), FAULT(0b100), NO_RESPONSE(0b111);

    private final int bits;

    SwdAck(int bits) {
        this.bits = bits;
    }

    /** The ACK as read LSB first from the wire (OK = 1, WAIT = 2, FAULT = 4, nothing driven = 7). */
    public int bits() {
        return bits;
    }
}
