package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.LittleEndian;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.SwdTransferException.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DAP_Transfer (cmsis-dap.md §7.2–§7.4): up to 255 transfers of any kind, each a request byte and, for writes, a
 * data word; the answer holds the count done, the response byte and one word per completed read.
 */
final class DapTransferCommand implements TransferCommand {

    static final int ID = 0x05;
    /** ID, DAP index, count; the answer's ID, count, response. */
    private static final int HEADER = 3;
    private static final int MAX_TRANSFERS = 255;
    private static final int WORD = 4;

    private final List<WireTransfer> transfers;

    private DapTransferCommand(List<WireTransfer> transfers) {
        this.transfers = List.copyOf(transfers);
    }

    /** How many reads (or writes) alone fill one command whose request and answer fit {@code packetSize} (§13.1). */
    static int capacity(int packetSize, boolean read) {
        int perTransfer = read ? 1 : 1 + WORD;
        int byRequest = (packetSize - HEADER) / perTransfer;
        int byAnswer = read ? (packetSize - HEADER) / WORD : MAX_TRANSFERS;
        return Math.min(MAX_TRANSFERS, Math.min(byRequest, byAnswer));
    }

    @Override
    public byte[] request() {
        int length = HEADER;
        for (WireTransfer t : transfers) {
            length += t.isRead() ? 1 : 1 + WORD;
        }
        byte[] command = new byte[length];
        command[0] = (byte) ID;
        command[1] = 0; // DAP index: ignored in SWD
        command[2] = (byte) transfers.size();
        int at = HEADER;
        for (WireTransfer t : transfers) {
            command[at++] = (byte) t.request();
            if (!t.isRead()) {
                LittleEndian.putU32(command, at, t.writeValue());
                at += WORD;
            }
        }
        return command;
    }

    @Override
    public TransferOutcome complete(byte[] answer) throws ProbeException {
        DapCommands.requireLength(answer, HEADER, "DAP_Transfer");
        int count = answer[1] & 0xFF;
        Optional<Failure> failure = TransferStatus.failureOf(answer[2] & 0xFF);
        if (failure.isEmpty()) {
            if (count != transfers.size()) {
                throw new ProbeException("the probe did " + count + " of " + transfers.size()
                        + " transfers of a DAP_Transfer yet answered OK");
            }
            deliverReadsBefore(transfers.size(), answer);
            return TransferOutcome.succeeded(count);
        }
        int blamed = blamedTransfer(count);
        deliverReadsBefore(blamed, answer);
        return TransferOutcome.failed(count, failure.get(), transfers.get(blamed));
    }

    /**
     * Which transfer failed. The failing one is not counted (§7.4 item 3), but a posted AP read is counted when it
     * is posted: when the last counted transfer is one, the wire access that should have brought its value is the
     * likeliest to have failed and its value is unknown either way (§7.4 item 4). A failure after everything was
     * counted is the closing check of a final write, or the collection of a final read.
     */
    private int blamedTransfer(int count) {
        if (count >= transfers.size()) {
            return transfers.size() - 1;
        }
        if (count > 0 && transfers.get(count - 1).isPostedRead()) {
            return count - 1;
        }
        return count;
    }

    /** Read data words come in request order, one per completed read (§7.3). */
    private void deliverReadsBefore(int end, byte[] answer) throws ProbeException {
        int reads = 0;
        for (int i = 0; i < end; i++) {
            if (transfers.get(i).isRead()) {
                reads++;
            }
        }
        DapCommands.requireLength(answer, HEADER + WORD * reads, "DAP_Transfer");
        int at = HEADER;
        for (int i = 0; i < end; i++) {
            WireTransfer t = transfers.get(i);
            if (t.isRead()) {
                t.readTarget().accept(LittleEndian.u32(answer, at));
                at += WORD;
            }
        }
    }

    /** Collects transfers while the command and its answer both still fit one packet (§13.1). */
    static final class Builder {

        private final int packetSize;
        private final List<WireTransfer> transfers = new ArrayList<>();
        private int requestBytes = HEADER;
        private int answerBytes = HEADER;

        Builder(int packetSize) {
            this.packetSize = packetSize;
        }

        boolean isEmpty() {
            return transfers.isEmpty();
        }

        /** Adds {@code t} if it fits; false when the command is full. */
        boolean tryAdd(WireTransfer t) {
            int request = requestBytes + (t.isRead() ? 1 : 1 + WORD);
            int answer = answerBytes + (t.isRead() ? WORD : 0);
            if (transfers.size() == MAX_TRANSFERS || request > packetSize || answer > packetSize) {
                return false;
            }
            transfers.add(t);
            requestBytes = request;
            answerBytes = answer;
            return true;
        }

        /** The command so far; the builder starts over empty. */
        DapTransferCommand build() {
            DapTransferCommand command = new DapTransferCommand(transfers);
            transfers.clear();
            requestBytes = HEADER;
            answerBytes = HEADER;
            return command;
        }
    }
}
