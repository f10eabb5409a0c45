package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.LittleEndian;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.SwdTransferException.Failure;
import java.util.List;
import java.util.Optional;

/**
 * DAP_TransferBlock (cmsis-dap.md §7.5): many transfers of one register with one request byte; writes carry their
 * words, the answer of reads carries one word per transfer done. Count is the words completed.
 */
final class DapTransferBlockCommand implements TransferCommand {

    static final int ID = 0x06;
    /** ID, DAP index, count (2), request. */
    private static final int REQUEST_HEADER = 5;
    /** ID, count (2), response. */
    private static final int ANSWER_HEADER = 4;
    private static final int MAX_TRANSFERS = 0xFFFF;
    private static final int WORD = 4;

    private final List<WireTransfer> transfers;
    private final int request;

    /** {@code transfers} all share one request byte. */
    DapTransferBlockCommand(List<WireTransfer> transfers) {
        this.transfers = List.copyOf(transfers);
        this.request = transfers.get(0).request();
    }

    /** How many reads (or writes) fit one command whose request and answer fit {@code packetSize} (§13.1). */
    static int capacity(int packetSize, boolean read) {
        int words = read ? (packetSize - ANSWER_HEADER) / WORD : (packetSize - REQUEST_HEADER) / WORD;
        return Math.min(MAX_TRANSFERS, words);
    }

    @Override
    public byte[] request() {
        boolean read = TransferRequest.isRead(request);
        byte[] command = new byte[REQUEST_HEADER + (read ? 0 : WORD * transfers.size())];
        command[0] = (byte) ID;
        command[1] = 0; // DAP index: ignored in SWD
        LittleEndian.putU16(command, 2, transfers.size());
        command[4] = (byte) request;
        if (!read) {
            int at = REQUEST_HEADER;
            for (WireTransfer t : transfers) {
                LittleEndian.putU32(command, at, t.writeValue());
                at += WORD;
            }
        }
        return command;
    }

    @Override
    public TransferOutcome complete(byte[] answer) throws ProbeException {
        DapCommands.requireLength(answer, ANSWER_HEADER, "DAP_TransferBlock");
        int count = LittleEndian.u16(answer, 1);
        Optional<Failure> failure = TransferStatus.failureOf(answer[3] & 0x0F); // bits 0..3 only (§7.5)
        if (failure.isEmpty()) {
            if (count != transfers.size()) {
                throw new ProbeException("the probe did " + count + " of " + transfers.size()
                        + " transfers of a DAP_TransferBlock yet answered OK");
            }
            deliverReads(count, answer);
            return TransferOutcome.succeeded(count);
        }
        // A write block that got through every word failed in its closing check: the last write is to blame.
        int blamed = Math.min(count, transfers.size() - 1);
        deliverReads(blamed, answer);
        return TransferOutcome.failed(count, failure.get(), transfers.get(blamed));
    }

    private void deliverReads(int words, byte[] answer) throws ProbeException {
        if (!TransferRequest.isRead(request)) {
            return;
        }
        DapCommands.requireLength(answer, ANSWER_HEADER + WORD * words, "DAP_TransferBlock");
        for (int i = 0; i < words; i++) {
            transfers.get(i).readTarget().accept(LittleEndian.u32(answer, ANSWER_HEADER + WORD * i));
        }
    }
}
