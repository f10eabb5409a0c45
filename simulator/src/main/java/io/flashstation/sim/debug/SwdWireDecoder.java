package io.flashstation.sim.debug;

/**
 * A board's debug port cycle by cycle (adiv5-swd-jtag.md §1–§3), for probes that bit-bang SWD: it decodes the
 * request (start, APnDP, RnW, A[3:2], parity, stop, park), drives the ACK and read data after the turnaround,
 * takes write data and its parity, and watches the line for resets and protocol switches. A request with a bad
 * parity, stop or park bit is a protocol error: the target drives nothing (the host samples the pull-up, 0b111)
 * and ignores the line until the next line reset. After WAIT or FAULT the target expects the next request
 * straight after the turnaround unless CTRL/STAT.ORUNDETECT asks for a data phase (§1.2), so a host that clocks
 * a data phase anyway feeds it undriven ones that read as a malformed request. Undriven cycles read 1. Every
 * cycle costs one SWCLK period.
 */
public final class SwdWireDecoder implements SwdWirePort {

    private enum Phase { LINE, REQUEST, TURN_BEFORE_ACK, ACK, READ_DATA, TURN_AFTER_READ, TURN_BEFORE_WRITE,
        WRITE_DATA, TURN_AFTER_REFUSAL, IGNORED_DATA }

    private static final int ACK_BITS = 3;
    private static final int DATA_BITS = 32;

    private final SwDebugPort dp;
    private final WireClock wire;
    private final SwdTraffic traffic;

    private Phase phase = Phase.LINE;
    private int shift;
    private int count;
    private boolean read;
    private DpAnswer answer;

    public SwdWireDecoder(SwDebugPort dp, WireClock wire, SwdTraffic traffic) {
        this.dp = dp;
        this.wire = wire;
        this.traffic = traffic;
    }

    @Override
    public synchronized void clock(int bitCount, byte[] hostDrives, byte[] hostOut, byte[] sampled) {
        long start = wire.clock().nanos();
        for (int i = 0; i < bitCount; i++) {
            int targetBit = targetDrive();
            boolean level;
            if (bit(hostDrives, i)) {
                level = bit(hostOut, i);
            } else {
                level = targetBit != 0; // the target's bit, or the pull-up when nobody drives
            }
            if (level) {
                sampled[i >> 3] |= (byte) (1 << (i & 7));
            } else {
                sampled[i >> 3] &= (byte) ~(1 << (i & 7));
            }
            wire.charge(1);
            advance(level, targetBit >= 0);
        }
        traffic.active(start, wire.clock().nanos());
    }

    @Override
    public void setClockHz(long hz) {
        wire.setHz(hz);
    }

    /** The bit the target drives in the coming cycle: 0 or 1, or -1 when it leaves the line alone. */
    private int targetDrive() {
        return switch (phase) {
            case ACK -> (answer.ack().bits() >> count) & 1;
            case READ_DATA -> count < DATA_BITS ? (answer.data() >>> count) & 1 : (answer.parity() ? 1 : 0);
            default -> -1;
        };
    }

    private void advance(boolean level, boolean targetDrove) {
        if (targetDrove) {
            dp.line().packet();
        } else if (dp.lineBit(level)) {
            phase = Phase.LINE; // a line reset ends any packet in flight
            return;
        }
        if (dp.line().mode() != SwjLineMonitor.Mode.SWD) {
            phase = Phase.LINE;
            return;
        }
        switch (phase) {
            case LINE -> {
                if (level && dp.line().acceptsRequests()) {
                    enter(Phase.REQUEST);
                    shift = 1;
                    count = 1;
                }
            }
            case REQUEST -> requestBit(level);
            case TURN_BEFORE_ACK -> enter(Phase.ACK);
            case ACK -> {
                if (++count == ACK_BITS) {
                    afterAck();
                }
            }
            case READ_DATA -> {
                if (++count == SwdProtocol.DATA_PHASE_BITS) {
                    enter(Phase.TURN_AFTER_READ);
                }
            }
            case TURN_AFTER_READ -> enter(Phase.LINE);
            case TURN_BEFORE_WRITE -> {
                enter(Phase.WRITE_DATA);
                shift = 0;
            }
            case WRITE_DATA -> writeBit(level);
            // with overrun detection on, WAIT and FAULT are followed by a data phase the target ignores (§1.2)
            case TURN_AFTER_REFUSAL -> enter(dp.overrunDetection() ? Phase.IGNORED_DATA : Phase.LINE);
            case IGNORED_DATA -> {
                if (++count == SwdProtocol.DATA_PHASE_BITS) {
                    enter(Phase.LINE);
                }
            }
        }
    }

    private void requestBit(boolean level) {
        shift |= (level ? 1 : 0) << count;
        if (++count < SwdProtocol.REQUEST_BITS) {
            return;
        }
        traffic.countTransfer();
        boolean ap = (shift & 0x02) != 0;
        boolean rnw = (shift & 0x04) != 0;
        int address = (shift >> 1) & 0xC;
        boolean parity = (shift & 0x20) != 0;
        boolean stop = (shift & 0x40) != 0;
        boolean park = (shift & 0x80) != 0;
        if (parity != SwdProtocol.requestParity(ap, rnw, address) || stop || !park) {
            dp.line().lockOut(); // protocol error: no ACK is driven, and nothing more until a line reset
            enter(Phase.LINE);
            return;
        }
        answer = dp.request(ap, rnw, address);
        read = rnw;
        enter(answer.ack() == SwdAck.NO_RESPONSE ? Phase.LINE : Phase.TURN_BEFORE_ACK);
    }

    private void afterAck() {
        if (answer.ack() != SwdAck.OK) {
            enter(Phase.TURN_AFTER_REFUSAL);
        } else {
            enter(read ? Phase.READ_DATA : Phase.TURN_BEFORE_WRITE);
        }
    }

    private void writeBit(boolean level) {
        if (count < DATA_BITS) {
            shift |= (level ? 1 : 0) << count;
            count++;
            return;
        }
        dp.writeData(shift, level);
        enter(Phase.LINE);
    }

    private void enter(Phase next) {
        phase = next;
        count = 0;
    }

    private static boolean bit(byte[] bits, int i) {
        return (bits[i >> 3] >> (i & 7) & 1) != 0;
    }
}
