package io.flashstation.probe.cmsisdap;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs a batch's wire transfers, in order, into as few commands as the packet size allows (cmsis-dap.md §13.1,
 * §13.2 "best practice"): transfers fill DAP_Transfer commands up to the packet budget of both the command and its
 * answer; a run of one request (DRW reads or writes) that starts a command and fills a whole DAP_Transfer goes out
 * as a DAP_TransferBlock instead, which needs no request byte per word and so carries more writes per packet. The
 * tail of a run and the single transfers around it (the TAR write of the next block) share DAP_Transfer commands,
 * so every packet but the last is full.
 */
final class TransferPacker {

    private final int packetSize;

    TransferPacker(int packetSize) {
        this.packetSize = packetSize;
    }

    List<TransferCommand> pack(List<WireTransfer> transfers) {
        List<TransferCommand> commands = new ArrayList<>();
        DapTransferCommand.Builder open = new DapTransferCommand.Builder(packetSize);
        int i = 0;
        while (i < transfers.size()) {
            WireTransfer next = transfers.get(i);
            if (open.isEmpty()) {
                int run = runLength(transfers, i, DapTransferBlockCommand.capacity(packetSize, next.isRead()));
                if (run > 1 && run >= DapTransferCommand.capacity(packetSize, next.isRead())) {
                    commands.add(new DapTransferBlockCommand(transfers.subList(i, i + run)));
                    i += run;
                    continue;
                }
            }
            if (open.tryAdd(next)) {
                i++;
            } else {
                commands.add(open.build());
            }
        }
        if (!open.isEmpty()) {
            commands.add(open.build());
        }
        return commands;
    }

    /** Transfers from {@code start} on with the same request byte, at most {@code limit}. */
    private static int runLength(List<WireTransfer> transfers, int start, int limit) {
        int request = transfers.get(start).request();
        int end = start;
        while (end < transfers.size() && end - start < limit && transfers.get(end).request() == request) {
            end++;
        }
        return end - start;
    }
}
