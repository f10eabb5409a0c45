package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.debug.SwdAck;
import io.flashstation.sim.debug.SwdResponse;
import io.flashstation.sim.debug.SwdTransactionPort;
import io.flashstation.sim.debug.SwdWirePort;
import io.flashstation.sim.probe.TargetConnection;
import io.flashstation.sim.time.VirtualClock;
import java.util.Optional;

/**
 * The probe's SWD pins as its firmware clocks them (the SW_DP layer of the reference firmware). While the debug
 * port is switched on the bits reach the board in the fixture through its {@link SwdTransactionPort} (and the
 * free-form cycles of DAP_SWD_Sequence through its {@link SwdWirePort}); with the
 * port off or the fixture empty the firmware still clocks every bit, so the time passes on the probe's clock and
 * a request reads the pulled-up line as ACK 0b111.
 *
 * <p>Virtual time: before touching a board the board's clock is brought up to the probe's, afterwards the probe
 * takes the board's time. The port charges a transaction as TIMING.md §2 prices it with one turnaround cycle and
 * 13 bits for any answer but OK; the cycles the firmware adds on top (longer turnarounds, the data phase after
 * WAIT/FAULT, the data-phase back-off after a protocol error, idle cycles) are clocked here as idle-low bits.
 */
final class SwdLine {

    /** 32 data bits and parity: the dummy data phase after WAIT/FAULT and the back-off after an unreadable ACK. */
    private static final int DATA_PHASE_BITS = 33;
    private static final int FULL_TRANSACTION_BITS = 46;

    private final FixtureSession fixture;
    private final VirtualClock probeClock;
    private final ProbeSettings settings;
    private boolean driven;

    SwdLine(FixtureSession fixture, VirtualClock probeClock, ProbeSettings settings) {
        this.fixture = fixture;
        this.probeClock = probeClock;
        this.settings = settings;
    }

    /** The debug port's pins are driven (after DAP_Connect) or high-impedance (after DAP_Disconnect). */
    void drive(boolean on) {
        driven = on;
    }

    /**
     * One SWD transaction. Returns the response bits of cmsis-dap.md §7.3: the ACK (1, 2, 4, 7 or junk), or 0x08
     * when read data arrived with bad parity; {@code data} is meaningful for an OK read.
     */
    LineResult transfer(int request, int writeData) {
        boolean ap = (request & DapProtocol.REQ_AP) != 0;
        boolean read = (request & DapProtocol.REQ_READ) != 0;
        int address = request & DapProtocol.REQ_ADDRESS;
        Optional<TargetConnection> board = reachableBoard();
        if (board.isEmpty()) {
            idle(FULL_TRANSACTION_BITS + extraTurnaroundBits());
            return new LineResult(DapProtocol.ACK_NONE, 0);
        }
        SwdTransactionPort port = enter(board.get());
        SwdResponse response = port.transfer(ap, read, address, writeData);
        int status = response.ack().bits();
        int extraBits = extraTurnaroundBits();
        if (response.ack() == SwdAck.OK) {
            extraBits += settings.idleCycles();
            if (read && !response.parityOk()) {
                status = DapProtocol.PROTOCOL_ERROR;
            }
        } else if (response.ack() == SwdAck.WAIT || response.ack() == SwdAck.FAULT) {
            extraBits += settings.dataPhase() ? DATA_PHASE_BITS : 0;
        } else {
            extraBits += DATA_PHASE_BITS;
        }
        if (extraBits > 0) {
            port.sequence(extraBits, new byte[(extraBits + 7) / 8]);
        }
        leave(board.get());
        return new LineResult(status, response.data());
    }

    /** Clocks {@code bitCount} bits out on SWDIO, LSB of {@code bits[0]} first (DAP_SWJ_Sequence). */
    void sequence(int bitCount, byte[] bits) {
        Optional<TargetConnection> board = reachableBoard();
        if (board.isEmpty()) {
            idle(bitCount);
            return;
        }
        enter(board.get()).sequence(bitCount, bits);
        leave(board.get());
    }

    /**
     * Clocks {@code bitCount} cycles of DAP_SWD_Sequence: the probe drives {@code out} (LSB first) or, for an input
     * sequence, lets SWDIO go and samples it. These free-form cycles go through the board's wire-level port, which
     * decodes them as the target's SWD logic would; nobody driving the line reads as the pull-up.
     */
    byte[] swdSequence(int bitCount, boolean input, byte[] out) {
        byte[] sampled = new byte[(bitCount + 7) / 8];
        Optional<TargetConnection> board = reachableBoard();
        if (board.isEmpty()) {
            idle(bitCount);
            return input ? lowBitsSet(bitCount) : sampled;
        }
        board.get().clock().advanceTo(probeClock.nanos());
        SwdWirePort wire = board.get().wire();
        wire.setClockHz(settings.clockHz());
        byte[] hostDrives = input ? new byte[sampled.length] : lowBitsSet(bitCount);
        wire.clock(bitCount, hostDrives, out, sampled);
        leave(board.get());
        return sampled;
    }

    /** The first {@code bitCount} bits set, LSB first; bits past the count stay 0 as the firmware packs them. */
    private static byte[] lowBitsSet(int bitCount) {
        byte[] bits = new byte[(bitCount + 7) / 8];
        for (int i = 0; i < bitCount; i++) {
            bits[i >> 3] |= (byte) (1 << (i & 7));
        }
        return bits;
    }

    /** Pulls the board's NRST low ({@code asserted}) or lets it go. */
    void driveReset(boolean asserted) {
        fixture.board().ifPresent(board -> board.setResetLine(asserted));
    }

    private Optional<TargetConnection> reachableBoard() {
        return driven ? fixture.board() : Optional.empty();
    }

    private SwdTransactionPort enter(TargetConnection board) {
        board.clock().advanceTo(probeClock.nanos());
        SwdTransactionPort port = board.swd();
        if (port.clockHz() != settings.clockHz()) {
            port.setClockHz(settings.clockHz());
        }
        return port;
    }

    private void leave(TargetConnection board) {
        probeClock.advanceTo(board.clock().nanos());
    }

    private void idle(int bitCount) {
        probeClock.advance(VirtualClock.bitTime(bitCount, settings.clockHz()));
    }

    /** Both turnarounds of a transaction last {@code turnaround} cycles; the port prices one cycle each. */
    private int extraTurnaroundBits() {
        return 2 * (settings.turnaround() - 1);
    }

    /** The outcome of one transaction: response bits and read data. */
    record LineResult(int status, int data) {

        boolean ok() {
            return status == DapProtocol.ACK_OK;
        }

        boolean waiting() {
            return status == DapProtocol.ACK_WAIT;
        }
    }
}
