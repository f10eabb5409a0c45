package io.flashstation.probe;

/** An SWD transfer failed on the wire: how, and which transfer of its batch (0-based, -1 when unknown). */
public class SwdTransferException extends ProbeException {

    /** How a transfer can fail on the wire. */
    public enum Failure {
        /** ACK WAIT still after the probe's retries. */
        WAIT,
        /** ACK FAULT: a sticky error flag is set in the DP. */
        FAULT,
        /** No ACK: nothing drives SWDIO (no target, dead or locked-out debug port). */
        NO_ACK,
        /** Read data arrived with a wrong parity bit. */
        PARITY,
        /** A read with value match never matched. */
        MISMATCH
    }

    private final Failure failure;
    private final int index;

    public SwdTransferException(Failure failure, int index, String message) {
        super(message);
        this.failure = failure;
        this.index = index;
    }

    public Failure failure() {
        return failure;
    }

    public int index() {
        return index;
    }
}
