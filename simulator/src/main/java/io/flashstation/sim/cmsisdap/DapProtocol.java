package io.flashstation.sim.cmsisdap;

/**
 * The byte values of the CMSIS-DAP protocol on the probe side (cmsis-dap.md §2, §3, §7): command IDs, status
 * bytes, DAP_Info IDs and the bits of a transfer request and response. Every handler takes its bytes from here.
 */
final class DapProtocol {

    // Command IDs (§2)
    static final int INFO = 0x00;
    static final int HOST_STATUS = 0x01;
    static final int CONNECT = 0x02;
    static final int DISCONNECT = 0x03;
    static final int TRANSFER_CONFIGURE = 0x04;
    static final int TRANSFER = 0x05;
    static final int TRANSFER_BLOCK = 0x06;
    static final int TRANSFER_ABORT = 0x07;
    static final int WRITE_ABORT = 0x08;
    static final int DELAY = 0x09;
    static final int RESET_TARGET = 0x0A;
    static final int SWJ_PINS = 0x10;
    static final int SWJ_CLOCK = 0x11;
    static final int SWJ_SEQUENCE = 0x12;
    static final int SWD_CONFIGURE = 0x13;
    static final int SWD_SEQUENCE = 0x1D;
    static final int JTAG_SEQUENCE = 0x14;
    static final int JTAG_CONFIGURE = 0x15;
    static final int JTAG_IDCODE = 0x16;
    static final int QUEUE_COMMANDS = 0x7E;
    static final int EXECUTE_COMMANDS = 0x7F;
    /** The answer to an unknown command, sent instead of the echoed ID (§1). */
    static final int INVALID = 0xFF;

    // Status bytes (§1)
    static final int OK = 0x00;
    static final int ERROR = 0xFF;

    // DAP_Connect ports (§3.3)
    static final int PORT_DISABLED = 0;
    static final int PORT_DEFAULT = 0;
    static final int PORT_SWD = 1;

    // DAP_Info IDs (§3.1)
    static final int INFO_VENDOR = 0x01;
    static final int INFO_PRODUCT = 0x02;
    static final int INFO_SERIAL = 0x03;
    static final int INFO_PROTOCOL_VERSION = 0x04;
    static final int INFO_TARGET_DEVICE_VENDOR = 0x05;
    static final int INFO_TARGET_DEVICE_NAME = 0x06;
    static final int INFO_FIRMWARE_VERSION = 0x09;
    static final int INFO_CAPABILITIES = 0xF0;
    static final int INFO_PACKET_COUNT = 0xFE;
    static final int INFO_PACKET_SIZE = 0xFF;

    /** Capabilities Info0: SWD (bit 0) and atomic commands (bit 4, always set by the reference firmware). */
    static final int CAPABILITIES_SWD_ATOMIC = 0x11;

    // Transfer request bits (§7.2)
    static final int REQ_AP = 0x01;
    static final int REQ_READ = 0x02;
    static final int REQ_ADDRESS = 0x0C;
    static final int REQ_VALUE_MATCH = 0x10;
    static final int REQ_MATCH_MASK = 0x20;

    /** DP read of RDBUFF (A = 0xC), the read that collects a posted AP read (§7.4). */
    static final int RDBUFF_READ = 0x0C | REQ_READ;
    /** DP write of ABORT (A = 0x0), what DAP_WriteABORT clocks out (§3.5). */
    static final int ABORT_WRITE = 0x00;

    // Transfer response bits (§7.3)
    static final int ACK_OK = 0x01;
    static final int ACK_WAIT = 0x02;
    static final int ACK_NONE = 0x07;
    static final int PROTOCOL_ERROR = 0x08;
    static final int VALUE_MISMATCH = 0x10;

    // SWJ pin bits (§4.1)
    static final int PIN_SWCLK = 0x01;
    static final int PIN_SWDIO = 0x02;
    static final int PIN_TDI = 0x04;
    static final int PIN_TDO = 0x08;
    static final int PIN_NTRST = 0x20;
    static final int PIN_NRESET = 0x80;

    static boolean isRead(int request) {
        return (request & REQ_READ) != 0;
    }

    static boolean isAp(int request) {
        return (request & REQ_AP) != 0;
    }

    private DapProtocol() {
    }
}
