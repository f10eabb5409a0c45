package io.flashstation.sim.debug;

import static org.assertj.core.api.Assertions.assertThat;

/** Host-side helpers written from adiv5-swd-jtag.md (§2 sequences, §7 walk-throughs), for driving a port in tests. */
final class SwdHost {

    static final int DP_IDR_ABORT = 0x0;
    static final int DP_CTRL = 0x4;
    static final int DP_SELECT_RESEND = 0x8;
    static final int DP_RDBUFF = 0xC;
    static final int AP_CSW = 0x0;
    static final int AP_TAR = 0x4;
    static final int AP_DRW = 0xC;

    private final SwdTransactionPort port;

    SwdHost(SwdTransactionPort port) {
        this.port = port;
    }

    void switchToSwd() {
        port.sequence(SwdHostBits.JTAG_TO_SWD_BITS, SwdHostBits.jtagToSwd());
    }

    void lineReset() {
        port.sequence(SwdHostBits.LINE_RESET_BITS, SwdHostBits.lineReset());
    }

    /** Switch, read DPIDR, power up debug and system domains: a connected host. */
    void connect() {
        switchToSwd();
        assertThat(readDp(DP_IDR_ABORT)).isEqualTo(SwDebugPort.DPIDR);
        write(false, DP_CTRL, SwDebugPort.CDBGPWRUPREQ | SwDebugPort.CSYSPWRUPREQ);
    }

    SwdResponse transfer(boolean ap, boolean read, int address, int data) {
        return port.transfer(ap, read, address, data);
    }

    int readDp(int address) {
        SwdResponse response = untilNotWait(false, true, address, 0);
        assertThat(response.ack()).isEqualTo(SwdAck.OK);
        return response.data();
    }

    void write(boolean ap, int address, int value) {
        assertThat(untilNotWait(ap, false, address, value).ack()).isEqualTo(SwdAck.OK);
    }

    /** An AP read completed through RDBUFF (the AP read's own data phase is the previous result). */
    int readAp(int address) {
        assertThat(untilNotWait(true, true, address, 0).ack()).isEqualTo(SwdAck.OK);
        return readDp(DP_RDBUFF);
    }

    /** Word read at {@code address}: CSW word, no increment; TAR; DRW; RDBUFF (§7). */
    int readWord(int address) {
        write(true, AP_CSW, 0xA2000002);
        write(true, AP_TAR, address);
        return readAp(AP_DRW);
    }

    void writeWord(int address, int value) {
        write(true, AP_CSW, 0xA2000002);
        write(true, AP_TAR, address);
        write(true, AP_DRW, value);
    }

    /** Retries WAIT the way probe firmware does; each retry costs wire time. */
    SwdResponse untilNotWait(boolean ap, boolean read, int address, int data) {
        for (int i = 0; i < 1_000_000; i++) {
            SwdResponse response = port.transfer(ap, read, address, data);
            if (response.ack() != SwdAck.WAIT) {
                return response;
            }
        }
        throw new AssertionError("still WAIT after a million retries");
    }
}
