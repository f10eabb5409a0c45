package io.flashstation.sim.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.debug.SwdAck;
import io.flashstation.sim.debug.SwdHostBits;
import io.flashstation.sim.debug.SwdResponse;
import io.flashstation.sim.debug.SwdTransactionPort;

/**
 * Drives a board the way OpenOCD 0.12.0's SWD path does (adiv5-swd-jtag.md §8, stm32f411-target.md §12.1): the
 * JTAG-to-SWD switch, DPIDR, sticky clear, dap_dp_init with ORUNDETECT, and on every WAIT an ABORT that clears
 * all sticky flags followed by a retry (src/jtag/drivers/bitbang.c, swd_clear_sticky_errors).
 */
final class OpenOcdStyleHost {

    static final int CSW_WORD_INC = 0xA2000012;
    static final int CSW_HALF_INC = 0xA2000011;

    private final SwdTransactionPort port;
    int waits;
    private int selectCache = -1;

    OpenOcdStyleHost(SwdTransactionPort port) {
        this.port = port;
    }

    /** swd_connect + dap_dp_init (ADI-C): returns CTRL/STAT after ORUNDETECT was set. */
    int connect() {
        port.sequence(SwdHostBits.JTAG_TO_SWD_BITS, SwdHostBits.jtagToSwd());
        assertThat(dp(0x0)).isEqualTo(0x2BA01477);
        dpWrite(0x0, 0x1E);
        dpWrite(0x4, 0x50000020);
        dp(0x4);
        dpWrite(0x4, 0x50000000);
        assertThat(dp(0x4) & 0x20000000).isNotZero(); // CDBGPWRUPACK
        assertThat(dp(0x4) & 0x80000000).isNotZero(); // CSYSPWRUPACK
        dpWrite(0x4, 0x50000001);
        return dp(0x4);
    }

    int dp(int address) {
        SwdResponse response = retrying(false, true, address, 0);
        assertThat(response.parityOk()).isTrue();
        return response.data();
    }

    void dpWrite(int address, int value) {
        retrying(false, false, address, value);
        if (address == 0x8) {
            selectCache = value;
        }
    }

    /** AP register read completed with RDBUFF. */
    int ap(int register) {
        select(register);
        retrying(true, true, register & 0xC, 0);
        return dp(0xC);
    }

    void apWrite(int register, int value) {
        select(register);
        retrying(true, false, register & 0xC, value);
    }

    int readWord(int address) {
        apWrite(0x0, 0xA2000002);
        apWrite(0x4, address);
        return ap(0xC);
    }

    void writeWord(int address, int value) {
        apWrite(0x0, 0xA2000002);
        apWrite(0x4, address);
        apWrite(0xC, value);
    }

    /** target_read_u16: CSW 16-bit, TAR, DRW; the half-word comes on the lanes of its address. */
    int readHalf(int address) {
        apWrite(0x0, CSW_HALF_INC);
        apWrite(0x4, address);
        int lanes = ap(0xC);
        return (lanes >>> (8 * (address & 2))) & 0xFFFF;
    }

    /** The raw transfer result, no retry (for checking FAULT and NO_RESPONSE). */
    SwdResponse raw(boolean ap, boolean read, int address, int data) {
        return port.transfer(ap, read, address, data);
    }

    private void select(int register) {
        int select = register & 0xF0;
        if (select != selectCache) {
            dpWrite(0x8, select);
        }
    }

    private SwdResponse retrying(boolean ap, boolean read, int address, int data) {
        for (int attempt = 0; attempt < 1_000_000; attempt++) {
            SwdResponse response = port.transfer(ap, read, address, data);
            if (response.ack() != SwdAck.WAIT) {
                assertThat(response.ack()).as("%s %s %x", ap ? "AP" : "DP", read ? "read" : "write", address)
                        .isEqualTo(SwdAck.OK);
                return response;
            }
            waits++;
            port.transfer(false, false, 0x0, 0x1E); // clear sticky errors, STICKYORUN included
        }
        throw new AssertionError("stalled for a million retries");
    }
}
