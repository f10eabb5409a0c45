package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.cmsisdap.SwdLine.LineResult;

/**
 * DAP_Transfer, DAP_TransferBlock and DAP_WriteABORT on the SWD path, as the reference firmware runs them
 * (cmsis-dap.md §7.2-§7.5, with §7.4 as the model): AP reads are posted and collected by the next AP read or an
 * RDBUFF read, a trailing write is checked with an RDBUFF read, WAIT is retried up to the configured count, and
 * the first failing transfer stops the command while the rest of the request is only parsed.
 */
final class DapTransfers {

    private final SwdLine line;
    private final ProbeSettings settings;
    private final TransferAbortSignal abort;

    DapTransfers(SwdLine line, ProbeSettings settings, TransferAbortSignal abort) {
        this.line = line;
        this.settings = settings;
        this.abort = abort;
    }

    /** DAP_Transfer on a connected SWD port; the request cursor stands after the command ID. */
    void transfer(DapRequest in, DapResponse out) {
        int header = out.reserve(2);
        abort.clear();
        in.u8(); // the DAP index only selects a device on a JTAG chain
        int remaining = in.u8();
        TransferRun run = new TransferRun(in, out);
        while (remaining > 0) {
            remaining--;
            int request = in.u8();
            boolean done = isRead(request) ? run.read(request) : run.write(request);
            if (!done) {
                break;
            }
            run.completed++;
            if (abort.isSet()) {
                break;
            }
        }
        skipRequests(in, remaining);
        run.finish();
        out.setU8(header, run.completed);
        out.setU8(header + 1, run.status);
    }

    /** DAP_Transfer while no SWD port is connected: parsed, answered with count 0 and response 0 (§15 item 4). */
    static void transferNotConnected(DapRequest in, DapResponse out) {
        in.u8();
        skipRequests(in, in.u8());
        out.u8(0).u8(0);
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
            abort.clear();
            outcome = isRead(request) ? readBlock(request, count, out) : writeBlock(request, count, in);
        }
        in.moveTo(end);
        out.setU16(header, outcome.completed());
        out.setU8(header + 2, outcome.status());
    }

    /** DAP_WriteABORT on SWD: one DP ABORT write whose ACK is ignored (§3.5). */
    void writeAbort(DapRequest in, DapResponse out) {
        in.u8(); // DAP index
        line.transfer(DapProtocol.ABORT_WRITE, in.u32());
        out.u8(DapProtocol.OK);
    }

    /** An AP block is posted once and its last word collected from RDBUFF: count + 1 wire reads. */
    private BlockOutcome readBlock(int request, int count, DapResponse out) {
        if (isAp(request)) {
            LineResult posted = withRetry(request, 0);
            if (!posted.ok()) {
                return new BlockOutcome(0, posted.status());
            }
        }
        for (int word = 0; word < count; word++) {
            boolean lastAp = word == count - 1 && isAp(request);
            LineResult read = withRetry(lastAp ? DapProtocol.RDBUFF_READ : request, 0);
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
            LineResult written = withRetry(request, in.u32());
            if (!written.ok()) {
                return new BlockOutcome(word, written.status());
            }
        }
        return new BlockOutcome(count, withRetry(DapProtocol.RDBUFF_READ, 0).status());
    }

    /**
     * A value-match read (§7.4 item 5): an AP register is posted once, then the register is read until
     * (value & MatchMask) equals the match value or MatchRetry more reads have failed to match.
     */
    private int readUntilMatch(int request, int matchValue) {
        if (isAp(request)) {
            LineResult posted = withRetry(request, 0);
            if (!posted.ok()) {
                return posted.status();
            }
        }
        int retries = settings.matchRetry();
        LineResult read;
        do {
            read = withRetry(request, 0);
            if (!read.ok()) {
                return read.status();
            }
        } while ((read.data() & settings.matchMask()) != matchValue && retries-- > 0 && !abort.isSet());
        boolean matched = (read.data() & settings.matchMask()) == matchValue;
        return matched ? DapProtocol.ACK_OK : DapProtocol.ACK_OK | DapProtocol.VALUE_MISMATCH;
    }

    /** Repeats a transaction answered WAIT up to WaitRetry more times, unless an abort arrives. */
    private LineResult withRetry(int request, int data) {
        int retries = settings.waitRetry();
        LineResult result;
        do {
            result = line.transfer(request, data);
        } while (result.waiting() && retries-- > 0 && !abort.isSet());
        return result;
    }

    /** Parses the requests a failed transfer left unexecuted so that the request length stays right. */
    private static void skipRequests(DapRequest in, int count) {
        for (int i = 0; i < count; i++) {
            int request = in.u8();
            boolean carriesWord = !isRead(request) || (request & DapProtocol.REQ_VALUE_MATCH) != 0;
            if (carriesWord) {
                in.skip(4);
            }
        }
    }

    private static boolean isRead(int request) {
        return (request & DapProtocol.REQ_READ) != 0;
    }

    private static boolean isAp(int request) {
        return (request & DapProtocol.REQ_AP) != 0;
    }

    /**
     * The state of one DAP_Transfer: transfers completed, the response byte of the last wire operation, whether an
     * AP read is posted and waits to be collected, and whether the last transfer was a write to be checked.
     */
    private final class TransferRun {

        private final DapRequest in;
        private final DapResponse out;
        private int completed;
        private int status;
        private boolean apReadPosted;
        private boolean checkLastWrite;

        TransferRun(DapRequest in, DapResponse out) {
            this.in = in;
            this.out = out;
        }

        boolean read(int request) {
            boolean valueMatch = (request & DapProtocol.REQ_VALUE_MATCH) != 0;
            checkLastWrite = false;
            if (apReadPosted) {
                // A plain AP read fetches the posted value and posts itself; anything else collects via RDBUFF.
                boolean chained = isAp(request) && !valueMatch;
                apReadPosted = chained;
                if (!keepData(withRetry(chained ? request : DapProtocol.RDBUFF_READ, 0))) {
                    return false;
                }
            }
            if (valueMatch) {
                status = readUntilMatch(request, in.u32());
                return status == DapProtocol.ACK_OK;
            }
            if (!isAp(request)) {
                return keepData(withRetry(request, 0));
            }
            if (!apReadPosted) {
                apReadPosted = succeeded(withRetry(request, 0));
                return apReadPosted;
            }
            return true;
        }

        boolean write(int request) {
            if (apReadPosted) {
                apReadPosted = false;
                if (!keepData(withRetry(DapProtocol.RDBUFF_READ, 0))) {
                    return false;
                }
            }
            // The data is taken only now: after a failed collection above it is left to be parsed as requests.
            int value = in.u32();
            if ((request & DapProtocol.REQ_MATCH_MASK) != 0) {
                settings.matchMask(value);
                status = DapProtocol.ACK_OK;
                return true;
            }
            checkLastWrite = succeeded(withRetry(request, value));
            return checkLastWrite;
        }

        /** Collects a pending AP read, or checks a trailing write, when everything so far went well. */
        void finish() {
            if (status != DapProtocol.ACK_OK) {
                return;
            }
            if (apReadPosted) {
                keepData(withRetry(DapProtocol.RDBUFF_READ, 0));
            } else if (checkLastWrite) {
                succeeded(withRetry(DapProtocol.RDBUFF_READ, 0));
            }
        }

        private boolean keepData(LineResult read) {
            if (succeeded(read)) {
                out.u32(read.data());
                return true;
            }
            return false;
        }

        private boolean succeeded(LineResult result) {
            status = result.status();
            return result.ok();
        }
    }

    /** Words completed and the response byte of a block transfer. */
    private record BlockOutcome(int completed, int status) {
    }
}
