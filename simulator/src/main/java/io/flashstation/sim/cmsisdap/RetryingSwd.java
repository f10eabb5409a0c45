package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.cmsisdap.SwdLine.LineResult;

/**
 * The SWD line as DAP_Transfer and DAP_TransferBlock use it (cmsis-dap.md §7.1, §7.4 items 3 and 6): a transaction
 * answered WAIT is repeated up to WaitRetry more times, and a DAP_TransferAbort that has arrived stops the retries.
 */
final class RetryingSwd {

    private final SwdLine line;
    private final ProbeSettings settings;
    private final TransferAbortSignal abort;

    RetryingSwd(SwdLine line, ProbeSettings settings, TransferAbortSignal abort) {
        this.line = line;
        this.settings = settings;
        this.abort = abort;
    }

    /** A transfer command starts: aborts that came before it are forgotten (§7.6). */
    void commandStarts() {
        abort.clear();
    }

    boolean abortRequested() {
        return abort.isSet();
    }

    /** One transaction, retried while it answers WAIT. */
    LineResult transfer(int request, int data) {
        int retries = settings.waitRetry();
        LineResult result;
        do {
            result = line.transfer(request, data);
        } while (result.waiting() && retries-- > 0 && !abort.isSet());
        return result;
    }

    /** One transaction whose answer nobody retries (DAP_WriteABORT). */
    LineResult transferOnce(int request, int data) {
        return line.transfer(request, data);
    }
}
