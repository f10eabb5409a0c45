package io.flashstation.sim.cmsisdap;

import static io.flashstation.sim.cmsisdap.DapProtocol.isAp;
import static io.flashstation.sim.cmsisdap.DapProtocol.isRead;

import io.flashstation.sim.cmsisdap.SwdLine.LineResult;

/**
 * DAP_Transfer and DAP_WriteABORT on the SWD path, as the reference firmware runs them (cmsis-dap.md §7.2-§7.4,
 * with §7.4 as the model): AP reads are posted and collected by the next AP read or an RDBUFF read, a trailing
 * write is checked with an RDBUFF read, WAIT is retried up to the configured count, and the first failing transfer
 * stops the command while the rest of the request is only parsed.
 */
final class DapTransfers {

    private final RetryingSwd swd;
    private final ProbeSettings settings;

    DapTransfers(RetryingSwd swd, ProbeSettings settings) {
        this.swd = swd;
        this.settings = settings;
    }

    /** DAP_Transfer on a connected SWD port; the request cursor stands after the command ID. */
    void transfer(DapRequest in, DapResponse out) {
        int header = out.reserve(2);
        swd.commandStarts();
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
            if (swd.abortRequested()) {
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

    /** DAP_WriteABORT on SWD: one DP ABORT write whose ACK is ignored (§3.5). */
    void writeAbort(DapRequest in, DapResponse out) {
        in.u8(); // DAP index
        swd.transferOnce(DapProtocol.ABORT_WRITE, in.u32());
        out.u8(DapProtocol.OK);
    }

    /**
     * A value-match read (§7.4 item 5): an AP register is posted once, then the register is read until
     * (value & MatchMask) equals the match value or MatchRetry more reads have failed to match.
     */
    private int readUntilMatch(int request, int matchValue) {
        if (isAp(request)) {
            LineResult posted = swd.transfer(request, 0);
            if (!posted.ok()) {
                return posted.status();
            }
        }
        int retries = settings.matchRetry();
        LineResult read;
        do {
            read = swd.transfer(request, 0);
            if (!read.ok()) {
                return read.status();
            }
        } while ((read.data() & settings.matchMask()) != matchValue && retries-- > 0 && !swd.abortRequested());
        boolean matched = (read.data() & settings.matchMask()) == matchValue;
        return matched ? DapProtocol.ACK_OK : DapProtocol.ACK_OK | DapProtocol.VALUE_MISMATCH;
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
                if (!keepData(swd.transfer(chained ? request : DapProtocol.RDBUFF_READ, 0))) {
                    return false;
                }
            }
            if (valueMatch) {
                status = readUntilMatch(request, in.u32());
                return status == DapProtocol.ACK_OK;
            }
            if (!isAp(request)) {
                return keepData(swd.transfer(request, 0));
            }
            if (!apReadPosted) {
                apReadPosted = succeeded(swd.transfer(request, 0));
                return apReadPosted;
            }
            return true;
        }

        boolean write(int request) {
            if (apReadPosted) {
                apReadPosted = false;
                if (!keepData(swd.transfer(DapProtocol.RDBUFF_READ, 0))) {
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
            checkLastWrite = succeeded(swd.transfer(request, value));
            return checkLastWrite;
        }

        /** Collects a pending AP read, or checks a trailing write, when everything so far went well. */
        void finish() {
            if (status != DapProtocol.ACK_OK) {
                return;
            }
            if (apReadPosted) {
                keepData(swd.transfer(DapProtocol.RDBUFF_READ, 0));
            } else if (checkLastWrite) {
                succeeded(swd.transfer(DapProtocol.RDBUFF_READ, 0));
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
}
