package io.flashstation.sim.jlink;

import java.util.List;

/**
 * What one command produced: the IN transfers it answers with, in order (none for commands without a
 * response), and the virtual instant the probe finished it.
 */
record Reply(List<byte[]> transfers, long endNanos) {

    Reply {
        transfers = List.copyOf(transfers);
    }

    static Reply none(long endNanos) {
        return new Reply(List.of(), endNanos);
    }

    static Reply of(byte[] transfer, long endNanos) {
        return new Reply(List.of(transfer), endNanos);
    }
}
