package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.cmsisdap.CmsisDapProbe.Answer;
import io.flashstation.sim.time.VirtualClock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The probe's request and response buffers (cmsis-dap.md §7.6, §8, §11.3). Command packets queue in arrival order
 * and run one after another, each starting at max(its arrival, the end of the previous command) on the probe's
 * clock (TIMING.md §3); answers queue in the same order with the instant they were ready.
 *
 * <p>A command runs when its answer is asked for, so that a DAP_TransferAbort packet sent before the host reads
 * can still reach a transfer that is running at the abort's arrival; abort packets are never queued or answered.
 * DAP_QueueCommands packets wait until a packet of another kind arrives, then run, from that arrival on, as
 * DAP_ExecuteCommands (their answers carry ID 0x7F). While {@code packetCount} queued packets wait like this every
 * buffer is full, and a further packet is not taken (the firmware stops reading its OUT endpoint). Otherwise
 * every packet is taken: a host that writes more than packetCount packets ahead would see its write NAKed until a
 * buffer frees, but commands run back to back either way, so the probe's timing is the same.
 */
final class CommandPipeline {

    private final DapCommandProcessor processor;
    private final VirtualClock probeClock;
    private final TransferAbortSignal abort;
    private final int packetCount;
    private final Deque<Request> requests = new ArrayDeque<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private long lastArrival;

    CommandPipeline(DapCommandProcessor processor, VirtualClock probeClock, TransferAbortSignal abort,
            int packetCount) {
        this.processor = processor;
        this.probeClock = probeClock;
        this.abort = abort;
        this.packetCount = packetCount;
    }

    /** A command packet arrives at {@code arrivalNanos}; empty packets (zero-length transfers) carry nothing. */
    void receive(byte[] packet, long arrivalNanos) {
        if (packet.length == 0) {
            return;
        }
        // One OUT pipe: a packet cannot overtake the one written before it.
        lastArrival = Math.max(lastArrival, arrivalNanos);
        if ((packet[0] & 0xFF) == DapProtocol.TRANSFER_ABORT) {
            abort.arrived(lastArrival);
            return;
        }
        if (queuedCommandsFillBuffers()) {
            return;
        }
        requests.addLast(new Request(packet.clone(), lastArrival));
    }

    /** The next answer, running commands as far as needed; null when no answer can be given yet. */
    Answer next() {
        while (answers.isEmpty() && runNext()) {
            // each pass runs one command or one released batch of queued commands
        }
        return answers.pollFirst();
    }

    /** Runs every command that can run (the host is going away; its commands still act on the board). */
    void drain() {
        while (runNext()) {
            // keep running
        }
    }

    private boolean runNext() {
        if (requests.isEmpty()) {
            return false;
        }
        if (!isQueued(requests.peekFirst())) {
            run(requests.pollFirst());
            return true;
        }
        Request terminator = requests.stream().filter(r -> !isQueued(r)).findFirst().orElse(null);
        if (terminator == null) {
            return false;
        }
        probeClock.advanceTo(terminator.arrivalNanos());
        while (isQueued(requests.peekFirst())) {
            Request queued = requests.pollFirst();
            byte[] asExecute = queued.packet();
            asExecute[0] = (byte) DapProtocol.EXECUTE_COMMANDS;
            run(new Request(asExecute, queued.arrivalNanos()));
        }
        return true;
    }

    private void run(Request request) {
        probeClock.advanceTo(request.arrivalNanos());
        byte[] answer = processor.execute(request.packet());
        answers.addLast(new Answer(answer, probeClock.nanos()));
    }

    private boolean queuedCommandsFillBuffers() {
        return requests.size() >= packetCount && requests.stream().allMatch(CommandPipeline::isQueued);
    }

    private static boolean isQueued(Request request) {
        return (request.packet()[0] & 0xFF) == DapProtocol.QUEUE_COMMANDS;
    }

    private record Request(byte[] packet, long arrivalNanos) {
    }
}
