package io.flashstation.sim.debug;

/**
 * A board's debug port one SWD transaction at a time, for probes whose firmware runs the wire protocol
 * (CMSIS-DAP, ST-Link). Wire time is charged per TIMING.md §2: 46 bits per OK transfer, 13 per WAIT, FAULT or
 * unanswered request, one per sequence bit. A host that retries WAIT moves the board clock forward by its
 * retries, which is how a stalled access (flash busy) eventually completes.
 */
public final class SwdTransactionEngine implements SwdTransactionPort {

    private final SwDebugPort dp;
    private final WireClock wire;
    private final SwdTraffic traffic;

    public SwdTransactionEngine(SwDebugPort dp, WireClock wire, SwdTraffic traffic) {
        this.dp = dp;
        this.wire = wire;
        this.traffic = traffic;
    }

    @Override
    public synchronized void sequence(int bitCount, byte[] bits) {
        long start = wire.clock().nanos();
        for (int i = 0; i < bitCount; i++) {
            dp.lineBit((bits[i >> 3] >> (i & 7) & 1) != 0);
        }
        wire.charge(bitCount);
        traffic.active(start, wire.clock().nanos());
    }

    @Override
    public synchronized SwdResponse transfer(boolean ap, boolean read, int address, int writeData) {
        long start = wire.clock().nanos();
        traffic.countTransfer();
        dp.line().packet();
        wire.charge(SwdProtocol.REQUEST_BITS);
        DpAnswer answer = dp.request(ap, read, address & 0xC);
        SwdResponse response;
        if (answer.ack() != SwdAck.OK) {
            wire.charge(SwdProtocol.SHORT_ANSWER_BITS - SwdProtocol.REQUEST_BITS);
            response = new SwdResponse(answer.ack(), 0, true);
        } else {
            wire.charge(SwdProtocol.OK_TRANSFER_BITS - SwdProtocol.REQUEST_BITS);
            if (read) {
                boolean parityOk = SwdProtocol.dataParity(answer.data()) == answer.parity();
                response = new SwdResponse(SwdAck.OK, answer.data(), parityOk);
            } else {
                dp.writeData(writeData, SwdProtocol.dataParity(writeData));
                response = new SwdResponse(SwdAck.OK, 0, true);
            }
        }
        traffic.active(start, wire.clock().nanos());
        return response;
    }

    @Override
    public void setClockHz(long hz) {
        wire.setHz(hz);
    }

    @Override
    public long clockHz() {
        return wire.hz();
    }
}
