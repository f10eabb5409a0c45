package io.flashstation.sim.cmsisdap;

import static io.flashstation.sim.cmsisdap.DapProtocol.isAp;
import static io.flashstation.sim.cmsisdap.DapProtocol.isRead;

import io.flashstation.sim.cmsisdap.SwdLine.LineResult;

/**
 * DAP_TransferBlock on the SWD path as the reference firmware runs it (cmsis-dap.md §7.5): many transfers to one
 * register, AP reads posted once and the last word collected from RDBUFF, writes checked with a final RDBUFF read,
 * stopping at the first failure.
 */
final class DapTransferBlock {

    private final RetryingSwd swd;

    DapTransferBlock(RetryingSwd swd) {
        this.swd = swd;
    }

    /**
     * DAP_TransferBlock (§7.5); {@code connected} false answers count 0, response 0. The request is 4 bytes after
     * the ID for reads and 4 + 4 per word for writes, whatever happens on the wire.
     */
    void transferBlock(DapRequest in, DapResponse out, boolean connected) {
        int start = in.position();
        in.u8(); // DAP index
        int count = in.u16();
        int request = in.u8();
        int end = start + 4 + (isRead(request) ? 0 : 4 * count);
        int header = out.reserve(3);
        BlockOutcome outcome = new BlockOutcome(0, 0);
        if (connected && count > 0) {
            swd.commandStarts();
            outcome = isRead(request) ? readBlock(request, count, out) : writeBlock(request, count, in);
        }
        in.moveTo(end);
        out.setU16(header, outcome.completed());
        out.setU8(header + 2, outcome.status());
    }

    /** An AP block is posted once and its last word collected from RDBUFF: count + 1 wire reads. */
    private BlockOutcome readBlock(int request, int count, DapResponse out) {
        if (isAp(request)) {
            LineResult posted = swd.transfer(request, 0);
            if (!posted.ok()) {
                return new BlockOutcome(0, posted.status());
            }
        }
        for (int word = 0; word < count; word++) {
            boolean lastAp = word == count - 1 && isAp(request);
            LineResult read = swd.transfer(lastAp ? DapProtocol.RDBUFF_READ : request, 0);
            if (!read.ok()) {
                return new BlockOutcome(word, read.status());
            }
            out.u32(read.data());
        }
        return new BlockOutcome(count, DapProtocol.ACK_OK);
    }

    /** Every word written, then one RDBUFF read whose ACK tells the fate of the last write. */
    private BlockOutcome writeBlock(int request, int count, DapRequest in) {
        for (int word = 0; word < count; word++) {
            LineResult written = swd.transfer(request, in.u32());
            if (!written.ok()) {
                return new BlockOutcome(word, written.status());
            }
        }
        return new BlockOutcome(count, swd.transfer(DapProtocol.RDBUFF_READ, 0).status());
    }

    /** Words completed and the response byte of a block transfer. */
    private record BlockOutcome(int completed, int status) {
    }
}
