package io.flashstation.probe.cmsisdap;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DapValue;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.SelectTracker;
import io.flashstation.probe.SwdTransferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

/**
 * A {@link DapBatch} for CMSIS-DAP. When it runs, DP SELECT writes go in where the AP or its bank changes
 * ({@link SelectTracker}), the transfers are packed into full DAP_Transfer / DAP_TransferBlock packets
 * ({@link TransferPacker}) and streamed with up to the probe's packet count in flight. The probe firmware collects
 * posted AP reads itself (cmsis-dap.md §7.4), so every read's value is its own.
 *
 * <p>When a command fails, no further command is sent, but those already in the probe's buffers still run (as on
 * any pipelining host, §11.3); after a FAULT the sticky error makes their AP accesses fail too.
 */
final class CmsisDapBatch implements DapBatch {

    /** APSEL is 8 bits (SELECT[31:24]). */
    private static final int MAX_APSEL = 0xFF;
    private static final int SELECT_WRITE = TransferRequest.dp(TransferRequest.DP_SELECT, false);

    private final DapChannel channel;
    private final SelectTracker select;
    private final TransferPacker packer;
    private final List<Access> queued = new ArrayList<>();

    CmsisDapBatch(DapChannel channel, SelectTracker select, int packetSize) {
        this.channel = channel;
        this.select = select;
        this.packer = new TransferPacker(packetSize);
    }

    @Override
    public DapValue readDp(int address) {
        DapValue value = new DapValue();
        queued.add(Access.dp(address, true, 0, value::fill));
        return value;
    }

    @Override
    public void writeDp(int address, int value) {
        queued.add(Access.dp(address, false, value, null));
    }

    @Override
    public DapValue readAp(int apsel, int address) {
        DapValue value = new DapValue();
        queued.add(Access.ap(apsel, address, true, 0, value::fill));
        return value;
    }

    @Override
    public void writeAp(int apsel, int address, int value) {
        queued.add(Access.ap(apsel, address, false, value, null));
    }

    @Override
    public void readApRepeated(int apsel, int address, int[] into, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, into.length);
        for (int i = 0; i < count; i++) {
            int slot = offset + i;
            queued.add(Access.ap(apsel, address, true, 0, word -> into[slot] = word));
        }
    }

    @Override
    public void writeApRepeated(int apsel, int address, int[] from, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, from.length);
        for (int i = 0; i < count; i++) {
            queued.add(Access.ap(apsel, address, false, from[offset + i], null));
        }
    }

    @Override
    public int size() {
        return queued.size();
    }

    @Override
    public void run() throws ProbeException {
        List<WireTransfer> wire = wireTransfers();
        queued.clear();
        Answers answers = new Answers(packer.pack(wire));
        boolean done = false;
        try {
            channel.stream(answers.packets(), answers);
            answers.throwFailure();
            done = true;
        } finally {
            if (!done) {
                // what SELECT holds after a failure is not known; clearing sticky errors is the caller's business
                select.invalidate();
            }
        }
    }

    /** The queued accesses as wire transfers, with SELECT written where the AP or its bank changes. */
    private List<WireTransfer> wireTransfers() {
        List<WireTransfer> wire = new ArrayList<>(queued.size() + 4);
        for (int index = 0; index < queued.size(); index++) {
            Access access = queued.get(index);
            if (access.apsel() >= 0) {
                OptionalInt selectValue = select.selectFor(access.apsel(), access.address());
                if (selectValue.isPresent()) {
                    wire.add(new WireTransfer(SELECT_WRITE, TransferRequest.DP_SELECT, selectValue.getAsInt(), null,
                            index));
                }
            } else if (access.request() == SELECT_WRITE) {
                select.invalidate(); // the caller chose a bank itself
            }
            wire.add(new WireTransfer(access.request(), access.address(), access.writeValue(), access.readTarget(),
                    index));
        }
        return wire;
    }

    /** Reads the answers of a run's commands in order and stops at the first failed transfer. */
    private final class Answers implements DapChannel.AnswerHandler {

        private final List<TransferCommand> commands;
        private SwdTransferException failure;

        Answers(List<TransferCommand> commands) {
            this.commands = commands;
        }

        List<byte[]> packets() {
            return commands.stream().map(TransferCommand::request).toList();
        }

        @Override
        public boolean accept(int index, byte[] answer) throws ProbeException {
            TransferOutcome outcome = commands.get(index).complete(answer);
            channel.countSwdTransfers(outcome.completed());
            failure = outcome.failure().orElse(null);
            return failure == null;
        }

        void throwFailure() throws SwdTransferException {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** One queued access as the caller asked for it; {@code apsel} is -1 for DP registers. */
    private record Access(int apsel, int address, int request, int writeValue, IntConsumer readTarget) {

        static Access dp(int address, boolean read, int writeValue, IntConsumer readTarget) {
            return new Access(-1, address, TransferRequest.dp(address, read), writeValue, readTarget);
        }

        static Access ap(int apsel, int address, boolean read, int writeValue, IntConsumer readTarget) {
            if (apsel < 0 || apsel > MAX_APSEL) {
                throw new IllegalArgumentException("no AP " + apsel);
            }
            return new Access(apsel, address, TransferRequest.ap(address, read), writeValue, readTarget);
        }
    }
}
