package io.flashstation.probe.stlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One ST-Link command as it goes over USB (stlink.md §1.1): a 16-byte block, an optional data-out phase, and the
 * exact reply length the host reads back (0: the command has no reply). Every command byte this driver sends is
 * encoded here and nowhere else.
 */
record StlinkCommand(String name, byte[] block, byte[] dataOut, int replyLength) {

    static final int BLOCK_BYTES = 16;

    /** DAP register port number that addresses the DP instead of an AP (stlink.md §4, 0x45/0x46). */
    static final int DP_PORT = 0xFFFF;

    private static final int GET_VERSION = 0xF1;
    private static final int DEBUG_COMMAND = 0xF2;
    private static final int DFU_COMMAND = 0xF3;
    private static final int SWIM_COMMAND = 0xF4;
    private static final int GET_CURRENT_MODE = 0xF5;
    private static final int GET_TARGET_VOLTAGE = 0xF7;
    private static final int GET_VERSION_EX = 0xFB;

    private static final int DFU_EXIT = 0x07;
    private static final int SWIM_EXIT = 0x01;
    private static final int DEBUG_EXIT = 0x21;
    private static final int ENTER = 0x30;
    private static final int ENTER_SWD = 0xA3;
    private static final int DRIVE_NRST = 0x3C;
    private static final int NRST_LOW = 0;
    private static final int NRST_HIGH = 1;
    private static final int READMEM_32BIT = 0x07;
    private static final int WRITEMEM_32BIT = 0x08;
    private static final int READMEM_8BIT = 0x0C;
    private static final int WRITEMEM_8BIT = 0x0D;
    private static final int GETLASTRWSTATUS2 = 0x3E;
    private static final int SWD_SET_FREQ = 0x43;
    private static final int READ_DAP_REG = 0x45;
    private static final int WRITE_DAP_REG = 0x46;
    private static final int INIT_AP = 0x4B;
    private static final int SET_COM_FREQ = 0x61;
    private static final int GET_COM_FREQ = 0x62;
    private static final int COM_FREQ_SWD = 0;

    static StlinkCommand getVersion() {
        return command("GET_VERSION", 6, GET_VERSION);
    }

    static StlinkCommand getVersionEx() {
        return command("GET_VERSION_EX", 12, GET_VERSION_EX);
    }

    static StlinkCommand currentMode() {
        return command("GET_CURRENT_MODE", 2, GET_CURRENT_MODE);
    }

    static StlinkCommand dfuExit() {
        return command("DFU_EXIT", 0, DFU_COMMAND, DFU_EXIT);
    }

    static StlinkCommand swimExit() {
        return command("SWIM_EXIT", 0, SWIM_COMMAND, SWIM_EXIT);
    }

    static StlinkCommand debugExit() {
        return command("DEBUG_EXIT", 0, DEBUG_COMMAND, DEBUG_EXIT);
    }

    static StlinkCommand targetVoltage() {
        return command("GET_TARGET_VOLTAGE", 8, GET_TARGET_VOLTAGE);
    }

    static StlinkCommand enterSwd() {
        return command("ENTER_SWD", 2, DEBUG_COMMAND, ENTER, ENTER_SWD);
    }

    /** NRST low when {@code asserted}, released (driven high) otherwise. */
    static StlinkCommand driveNrst(boolean asserted) {
        return command("DRIVE_NRST", 2, DEBUG_COMMAND, DRIVE_NRST, asserted ? NRST_LOW : NRST_HIGH);
    }

    static StlinkCommand initAp(int ap) {
        return command("INIT_AP", 2, DEBUG_COMMAND, INIT_AP, ap);
    }

    /** Reply: [0] status, [4..7] value. */
    static StlinkCommand readDapRegister(int port, int address) {
        ByteBuffer b = block(DEBUG_COMMAND, READ_DAP_REG).putShort((short) port).putShort((short) address);
        return new StlinkCommand("READ_DAP_REG", b.array(), new byte[0], 8);
    }

    static StlinkCommand writeDapRegister(int port, int address, int value) {
        ByteBuffer b = block(DEBUG_COMMAND, WRITE_DAP_REG).putShort((short) port).putShort((short) address)
                .putInt(value);
        return new StlinkCommand("WRITE_DAP_REG", b.array(), new byte[0], 2);
    }

    /** V2 only: one of the divisors of {@link StlinkSwdClock#V2_DIVISORS}. */
    static StlinkCommand swdSetFreq(int divisor) {
        ByteBuffer b = block(DEBUG_COMMAND, SWD_SET_FREQ).putShort((short) divisor);
        return new StlinkCommand("SWD_SET_FREQ", b.array(), new byte[0], 2);
    }

    /** V3: reply [0] status, [4..7] current kHz, [8] count, [12 + 4i] the kHz list. */
    static StlinkCommand getComFreq() {
        return command("GET_COM_FREQ", 52, DEBUG_COMMAND, GET_COM_FREQ, COM_FREQ_SWD);
    }

    /** V3: one of the clocks GET_COM_FREQ listed; reply [0] status (pyOCD also reads [4..7] as the kHz in use). */
    static StlinkCommand setComFreq(int kHz) {
        ByteBuffer b = block(DEBUG_COMMAND, SET_COM_FREQ).put((byte) COM_FREQ_SWD).put((byte) 0).putInt(kHz);
        return new StlinkCommand("SET_COM_FREQ", b.array(), new byte[0], 8);
    }

    /** The reply carries the data only; the outcome comes from {@link #lastRwStatus()}. */
    static StlinkCommand readMemory32(int address, int length, int csw) {
        return memory("READMEM_32BIT", READMEM_32BIT, address, length, csw, new byte[0], length);
    }

    static StlinkCommand writeMemory32(int address, byte[] data, int csw) {
        return memory("WRITEMEM_32BIT", WRITEMEM_32BIT, address, data.length, csw, data, 0);
    }

    /** A one-byte read is answered with two bytes (stlink.md §4, 0x0C); the caller keeps the first. */
    static StlinkCommand readMemory8(int address, int length, int csw) {
        return memory("READMEM_8BIT", READMEM_8BIT, address, length, csw, new byte[0], Math.max(length, 2));
    }

    static StlinkCommand writeMemory8(int address, byte[] data, int csw) {
        return memory("WRITEMEM_8BIT", WRITEMEM_8BIT, address, data.length, csw, data, 0);
    }

    /** Reply: [0] status (as a LE u16), [4..7] the faulting address. */
    static StlinkCommand lastRwStatus() {
        return command("GETLASTRWSTATUS2", 12, DEBUG_COMMAND, GETLASTRWSTATUS2);
    }

    /** Status byte of a reply that carries one (stlink.md §7: always byte 0). */
    static int status(byte[] reply) {
        return reply[0] & 0xFF;
    }

    /**
     * Memory command layout (stlink.md §4): [2..5] address, [6..7] length in bytes, [8] AP number (always 0 here:
     * the STM32F4 has one MEM-AP), [9..11] CSW bits 31..8.
     */
    private static StlinkCommand memory(String name, int sub, int address, int length, int csw, byte[] data,
            int replyLength) {
        ByteBuffer b = block(DEBUG_COMMAND, sub).putInt(address).putShort((short) length).put((byte) 0)
                .put((byte) (csw >>> 8)).put((byte) (csw >>> 16)).put((byte) (csw >>> 24));
        return new StlinkCommand(name, b.array(), data, replyLength);
    }

    private static StlinkCommand command(String name, int replyLength, int... bytes) {
        byte[] block = new byte[BLOCK_BYTES];
        for (int i = 0; i < bytes.length; i++) {
            block[i] = (byte) bytes[i];
        }
        return new StlinkCommand(name, block, new byte[0], replyLength);
    }

    private static ByteBuffer block(int command, int sub) {
        return ByteBuffer.allocate(BLOCK_BYTES).order(ByteOrder.LITTLE_ENDIAN).put((byte) command).put((byte) sub);
    }
}
