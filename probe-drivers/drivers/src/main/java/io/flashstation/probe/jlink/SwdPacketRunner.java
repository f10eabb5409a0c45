package io.flashstation.probe.jlink;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.SelectTracker;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.SwdTransferException.Failure;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs SWD packets through SWD I/O calls: as many packets per call as the probe's buffer holds, then every ACK and
 * read parity checked in order, as OpenOCD does (jlink.md §3.5, §3.6). The probe clocks a whole call whatever the
 * target answers, so everything after the first refused packet of a call is void:
 * <ul>
 * <li>WAIT: the line is reset (a data phase the target did not expect may have locked it out), DPIDR read,
 * STICKYORUN cleared (set by the WAIT when overrun detection is on), and the batch planned again from the
 * refused packet, a bounded number of times;</li>
 * <li>FAULT, no ACK, parity error: the failure is thrown, and the next batch starts with the JTAG-to-SWD switch
 * (which ends in a line reset) and a DPIDR read, so the line is in step again even if the board was swapped
 * or power-cycled meanwhile.</li>
 * </ul>
 */
final class SwdPacketRunner {

    /** WAITs tolerated in a row on one transfer: the CMSIS-DAP reference firmware's default (cmsis-dap.md). */
    static final int MAX_WAIT_RETRIES = 100;
    /**
     * Idle clocks after each AP access, learned from WAITs: every WAIT costs a whole call, so after one the AP is
     * given more time (8 clocks, then growing by half and by at least 4, up to OpenOCD's default memaccess of 255,
     * jlink.md §3.3) until a slow target, such as flash programming 16 µs per word, keeps up with the wire. Small
     * steps stop close to what the target needs, since every idle clock is paid on the wire and three times over
     * USB for each access. Reads and writes learn apart: a write into busy flash stalls, but reading flash back
     * afterwards does not and should not pay the writes' idle. Reset by {@link #connect}.
     */
    static final int FIRST_AP_IDLE_CLOCKS = 8;
    static final int MAX_AP_IDLE_CLOCKS = 255;
    private static final int MIN_IDLE_STEP_CLOCKS = 4;
    /** ABORT.ORUNERRCLR clears STICKYORUN only (adiv5-swd-jtag.md §4). */
    private static final int ABORT_ORUNERRCLR = 1 << 4;

    private final JlinkCommands commands;
    private final int maxBitsPerCall;
    private final SelectTracker select = new SelectTracker();
    private final SwdPacketPlanner planner = new SwdPacketPlanner(select);
    private boolean lineSuspect;
    private int apReadIdleClocks;
    private int apWriteIdleClocks;
    private long transfers;

    /** {@code maxBitsPerCall}: clocks one SWD I/O may carry (the probe's per-direction buffer, §3.6). */
    SwdPacketRunner(JlinkCommands commands, int maxBitsPerCall) {
        this.commands = commands;
        this.maxBitsPerCall = maxBitsPerCall;
    }

    /** JTAG-to-SWD switch, line reset, idle, DPIDR read, all in one call; returns DPIDR. */
    int connect() throws ProbeException {
        int[] dpidr = new int[1];
        select.invalidate();
        apReadIdleClocks = 0;
        apWriteIdleClocks = 0;
        List<WirePacket> packets = List.of(dpidrRead(value -> dpidr[0] = value));
        settle(clock(LeadIn.JTAG_TO_SWD, packets));
        return dpidr[0];
    }

    /** Runs {@code queued} in order; throws at the first transfer that fails. */
    void run(List<DapTransfer> queued) throws ProbeException {
        LeadIn leadIn = lineSuspect ? LeadIn.JTAG_TO_SWD : LeadIn.NONE;
        List<WirePacket> own = lineSuspect ? List.of(dpidrRead(null)) : List.of();
        PlanPoint from = PlanPoint.START;
        int waits = 0;
        while (true) {
            List<WirePacket> packets = new ArrayList<>(own);
            packets.addAll(planner.plan(queued, from));
            FailedPacket failed = clock(leadIn, packets);
            PlanPoint resume = failed == null || failed.failure() != Failure.WAIT ? null : failed.packet().resume();
            if (resume != null) {
                waits = resume.transfer() == from.transfer() ? waits + 1 : 1;
            }
            if (resume == null || waits > MAX_WAIT_RETRIES) {
                settle(failed);
                return;
            }
            select.invalidate();
            learnFrom(packets, failed.packet());
            from = resume;
            leadIn = LeadIn.LINE_RESET;
            own = List.of(dpidrRead(null), WirePacket.write(false, SwdPacketPlanner.DP_ABORT, ABORT_ORUNERRCLR,
                    -1, null));
        }
    }

    /** SWD packets clocked so far, the driver's own and repeated ones included. */
    long transfers() {
        return transfers;
    }

    /** Records how a call sequence ended; a failure leaves the line suspect and SELECT unknown. */
    private void settle(FailedPacket failed) throws SwdTransferException {
        lineSuspect = failed != null;
        if (failed == null) {
            return;
        }
        select.invalidate();
        WirePacket packet = failed.packet();
        int index = failed.failure() == Failure.PARITY && packet.target() != null ? packet.target().owner()
                : packet.owner();
        String ack = String.format("%3s", Integer.toBinaryString(failed.ack())).replace(' ', '0');
        throw new SwdTransferException(failed.failure(), index, String.format("%s on %s (transfer %d, ACK 0b%s)",
                failed.failure(), packet.describe(), index, ack));
    }

    /** Sends the packets in as few calls as fit; returns the first that failed, or null. */
    private FailedPacket clock(LeadIn leadIn, List<WirePacket> packets) throws ProbeException {
        int next = 0;
        boolean first = true;
        while (first || next < packets.size()) {
            SwdIoSequence seq = new SwdIoSequence();
            if (first) {
                leadIn.appendTo(seq);
                first = false;
            }
            int from = next;
            List<Integer> starts = new ArrayList<>();
            while (next < packets.size() && seq.length() + SwdPacket.PACKET_BITS + idleAfter(packets.get(next))
                    + SwdWireLayout.TRAILING_IDLE_BITS <= maxBitsPerCall) {
                starts.add(packets.get(next).appendTo(seq));
                SwdWireLayout.appendIdle(seq, idleAfter(packets.get(next)));
                next++;
            }
            if (seq.length() == 0) {
                return null;
            }
            SwdWireLayout.appendIdle(seq, SwdWireLayout.TRAILING_IDLE_BITS);
            CapturedBits captured;
            try {
                captured = commands.swdIo(seq);
            } catch (ProbeException e) {
                // the call may have been clocked in part: the line and SELECT are unknown
                lineSuspect = true;
                select.invalidate();
                throw e;
            }
            transfers += next - from;
            for (int k = from; k < next; k++) {
                FailedPacket failed = check(packets.get(k), captured, starts.get(k - from));
                if (failed != null) {
                    return failed;
                }
            }
        }
        return null;
    }

    private int idleAfter(WirePacket packet) {
        if (!packet.ap()) {
            return 0;
        }
        return packet.read() ? apReadIdleClocks : apWriteIdleClocks;
    }

    // a WAIT: the DP refuses a packet while the AP access before it is still running, so that access's kind gets
    // more idle clocks after it; with none before it in the call, the refused packet's own kind does
    private void learnFrom(List<WirePacket> packets, WirePacket refused) {
        int at = packets.indexOf(refused);
        WirePacket busy = refused;
        for (int i = at - 1; i >= 0; i--) {
            if (packets.get(i).ap()) {
                busy = packets.get(i);
                break;
            }
        }
        if (busy.ap() && busy.read()) {
            apReadIdleClocks = grown(apReadIdleClocks);
        } else {
            apWriteIdleClocks = grown(apWriteIdleClocks);
        }
    }

    private static int grown(int idleClocks) {
        if (idleClocks == 0) {
            return FIRST_AP_IDLE_CLOCKS;
        }
        return Math.min(MAX_AP_IDLE_CLOCKS, idleClocks + Math.max(MIN_IDLE_STEP_CLOCKS, idleClocks / 2));
    }

    private static FailedPacket check(WirePacket packet, CapturedBits captured, int start) {
        int ack = SwdWireLayout.ack(captured, start);
        if (ack != SwdWireLayout.ACK_OK) {
            Failure failure = switch (ack) {
                case SwdWireLayout.ACK_WAIT -> Failure.WAIT;
                case SwdWireLayout.ACK_FAULT -> Failure.FAULT;
                default -> Failure.NO_ACK;
            };
            return new FailedPacket(packet, failure, ack);
        }
        if (packet.read()) {
            if (!SwdWireLayout.readParityOk(captured, start)) {
                return new FailedPacket(packet, Failure.PARITY, ack);
            }
            if (packet.target() != null) {
                packet.target().sink().accept(SwdWireLayout.readData(captured, start));
            }
        }
        return null;
    }

    private static WirePacket dpidrRead(IntConsumer sink) {
        return WirePacket.read(false, SwdPacketPlanner.DP_DPIDR,
                sink == null ? null : new WirePacket.ReadTarget(sink, -1), -1, null);
    }

    /** The first packet of a call sequence the target did not accept, and how. */
    private record FailedPacket(WirePacket packet, Failure failure, int ack) {
    }
}
