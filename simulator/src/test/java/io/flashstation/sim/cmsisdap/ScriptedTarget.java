package io.flashstation.sim.cmsisdap;

import io.flashstation.sim.debug.SwdAck;
import io.flashstation.sim.debug.SwdResponse;
import io.flashstation.sim.debug.SwdTransactionPort;
import io.flashstation.sim.debug.SwdWirePort;
import io.flashstation.sim.probe.TargetConnection;
import io.flashstation.sim.time.VirtualClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small SW-DP with one MEM-AP for probe tests, written from adiv5-swd-jtag.md: DPIDR, CTRL/STAT with power-up
 * acknowledges, SELECT, RDBUFF and posted AP reads (an AP read answers the previous AP read's value). Word memory
 * behind TAR/DRW with single auto-increment. WAIT, FAULT and parity faults can be scripted per transaction, and
 * every transaction is logged. Wire time follows TIMING.md §2: 46 bits for OK, 13 for any other answer.
 */
final class ScriptedTarget implements TargetConnection, SwdTransactionPort {

    static final int DPIDR = 0x2BA01477;

    final Map<Integer, Integer> memory = new HashMap<>();
    final List<String> log = new ArrayList<>();
    final List<Integer> sequences = new ArrayList<>();
    final List<Boolean> resetLine = new ArrayList<>();
    private final VirtualClock clock = new VirtualClock();
    private final List<SwdAck> scriptedAcks = new ArrayList<>();
    private long clockHz = 1_000_000;
    private int ctrlStat;
    private int csw;
    private int tar;
    private int readBuffer;
    private int parityFlips;
    private int sessionsStarted;
    private int sessionsEnded;

    /** The next transactions answer these ACKs instead of doing their work (OK entries let one through). */
    ScriptedTarget script(SwdAck... acks) {
        scriptedAcks.addAll(List.of(acks));
        return this;
    }

    /** The next {@code count} OK reads arrive with a parity error. */
    ScriptedTarget flipParity(int count) {
        parityFlips = count;
        return this;
    }

    int sessionsStarted() {
        return sessionsStarted;
    }

    int sessionsEnded() {
        return sessionsEnded;
    }

    @Override
    public SwdResponse transfer(boolean ap, boolean read, int address, int writeData) {
        String name = (ap ? "AP" : "DP") + (read ? " R " : " W ") + Integer.toHexString(address)
                + (read ? "" : " " + Integer.toHexString(writeData));
        SwdAck ack = scriptedAcks.isEmpty() ? SwdAck.OK : scriptedAcks.remove(0);
        log.add(ack == SwdAck.OK ? name : name + " " + ack);
        if (ack != SwdAck.OK) {
            charge(13);
            return new SwdResponse(ack, 0, true);
        }
        charge(46);
        int data = 0;
        if (ap) {
            data = read ? apRead(address) : apWrite(address, writeData);
        } else if (read) {
            data = dpRead(address);
        } else {
            dpWrite(address, writeData);
        }
        boolean parityOk = !(read && parityFlips > 0 && parityFlips-- > 0);
        return new SwdResponse(SwdAck.OK, data, parityOk);
    }

    private int dpRead(int address) {
        return switch (address) {
            case 0x0 -> DPIDR;
            case 0x4 -> ctrlStat;
            case 0xC -> readBuffer;
            default -> 0;
        };
    }

    private void dpWrite(int address, int value) {
        if (address == 0x4) {
            // CDBGPWRUPREQ (28) and CSYSPWRUPREQ (30) are acknowledged in bits 29 and 31.
            ctrlStat = value | (value & 0x50000000) << 1;
        }
    }

    /** Returns the previous AP read's value and latches this read's value in RDBUFF (posted reads). */
    private int apRead(int address) {
        int previous = readBuffer;
        readBuffer = switch (address) {
            case 0x0 -> csw;
            case 0x4 -> tar;
            case 0xC -> memory.getOrDefault(tar, 0);
            default -> 0;
        };
        if (address == 0xC) {
            advanceTar();
        }
        return previous;
    }

    private int apWrite(int address, int value) {
        switch (address) {
            case 0x0 -> csw = value;
            case 0x4 -> tar = value;
            case 0xC -> {
                memory.put(tar, value);
                advanceTar();
            }
            default -> { }
        }
        return 0;
    }

    private void advanceTar() {
        if ((csw & 0x30) == 0x10) {
            tar += 4;
        }
    }

    @Override
    public void sequence(int bitCount, byte[] bits) {
        sequences.add(bitCount);
        charge(bitCount);
    }

    @Override
    public void setClockHz(long hz) {
        clockHz = hz;
    }

    @Override
    public long clockHz() {
        return clockHz;
    }

    private void charge(int bits) {
        clock.advance(VirtualClock.bitTime(bits, clockHz));
    }

    @Override
    public SwdTransactionPort swd() {
        return this;
    }

    @Override
    public SwdWirePort wire() {
        throw new UnsupportedOperationException("CMSIS-DAP firmware runs SWD per transaction");
    }

    @Override
    public double targetVoltage() {
        return 3.3;
    }

    @Override
    public void setResetLine(boolean asserted) {
        resetLine.add(asserted);
    }

    @Override
    public VirtualClock clock() {
        return clock;
    }

    @Override
    public void sessionStarted() {
        sessionsStarted++;
    }

    @Override
    public void sessionEnded() {
        sessionsEnded++;
    }
}
