package io.flashstation.sim.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.debug.SwdAck;
import io.flashstation.sim.debug.SwdHostBits;
import io.flashstation.sim.debug.SwdWirePort;

/**
 * Drives a board's wire port with the cycle layout of OpenOCD 0.12.0's bit-banging SWD drivers
 * (src/jtag/drivers/jlink.c jlink_swd_queue_cmd, bitbang.c): a read releases the line for 1+3+32+1+1 cycles
 * whatever the ACK, a write releases 1+3+1 and then drives 32+1, AP accesses are followed by idle cycles, and a
 * WAIT is answered with an ABORT clearing every sticky flag and a retry.
 */
final class BitBangWireHost {

    private static final int AP_DELAY_CLOCKS = 8;

    private final SwdWirePort wire;
    int waits;

    BitBangWireHost(SwdWirePort wire) {
        this.wire = wire;
    }

    /** switch_seq JTAG_TO_SWD, DPIDR read, sticky clear, dap_dp_init with ORUNDETECT. */
    void connect() {
        drive(-1L, 56);
        drive(0xE79E, 16);
        drive(-1L, 56);
        drive(0, 8);
        assertThat(read(false, 0x0)).isEqualTo(0x2BA01477);
        write(false, 0x0, 0x1E);
        write(false, 0x4, 0x50000000);
        write(false, 0x4, 0x50000001);
        assertThat(read(false, 0x4) & 0xA0000001).isEqualTo(0xA0000001);
    }

    int read(boolean ap, int address) {
        while (true) {
            long line = clock(SwdHostBits.request(ap, true, address), 8 + 38, 8, -1);
            int ack = (int) (line >>> 9) & 7;
            if (ack == SwdAck.WAIT.bits()) {
                retryAfterWait();
                continue;
            }
            assertThat(ack).isEqualTo(SwdAck.OK.bits());
            int data = (int) (line >>> 12);
            boolean parity = ((line >>> 44) & 1) != 0;
            assertThat(parity).isEqualTo(SwdHostBits.parity(data));
            idleAfter(ap);
            return data;
        }
    }

    void write(boolean ap, int address, int value) {
        while (true) {
            long payload = (value & 0xFFFFFFFFL) | (SwdHostBits.parity(value) ? 1L << 32 : 0);
            long line = clock(SwdHostBits.request(ap, false, address) | payload << 13, 8 + 5 + 33, 8, 13);
            int ack = (int) (line >>> 9) & 7;
            if (ack == SwdAck.WAIT.bits()) {
                retryAfterWait();
                continue;
            }
            assertThat(ack).isEqualTo(SwdAck.OK.bits());
            idleAfter(ap);
            return;
        }
    }

    private void retryAfterWait() {
        waits++;
        write(false, 0x0, 0x1E);
    }

    private void idleAfter(boolean ap) {
        if (ap) {
            drive(0, AP_DELAY_CLOCKS);
        }
    }

    private void drive(long bits, int count) {
        clock(bits, count, count, -1);
    }

    /**
     * Clocks {@code count} cycles: the host drives cycles below {@code releaseFrom} and from {@code driveAgainAt}
     * on (when not negative), with the levels of {@code bits}; returns the sampled line.
     */
    private long clock(long bits, int count, int releaseFrom, int driveAgainAt) {
        byte[] drives = new byte[8];
        byte[] out = new byte[8];
        for (int i = 0; i < count; i++) {
            boolean driven = i < releaseFrom || (driveAgainAt >= 0 && i >= driveAgainAt);
            if (driven) {
                drives[i >> 3] |= (byte) (1 << (i & 7));
            }
            if (((bits >>> i) & 1) != 0 && i < 64) {
                out[i >> 3] |= (byte) (1 << (i & 7));
            }
        }
        byte[] sampled = new byte[8];
        wire.clock(count, drives, out, sampled);
        long line = 0;
        for (int i = 0; i < count; i++) {
            line |= (long) ((sampled[i >> 3] >> (i & 7)) & 1) << i;
        }
        return line;
    }
}
