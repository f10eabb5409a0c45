package io.flashstation.sim.stlink;

import static io.flashstation.sim.bytes.LittleEndian.putU16;
import static io.flashstation.sim.bytes.LittleEndian.putU32;
import static io.flashstation.sim.bytes.LittleEndian.u16;
import static io.flashstation.sim.bytes.LittleEndian.u24;
import static io.flashstation.sim.bytes.LittleEndian.u32;
import static io.flashstation.sim.bytes.LittleEndian.u8;

import java.util.BitSet;
import java.util.List;

/**
 * The ST-Link firmware's command interpreter: decodes the 16-byte command blocks of stlink.md §§3–4, runs them
 * on the target through the firmware's own SWD layer and encodes the replies byte for byte. The only place
 * that knows the device side of the ST-Link command protocol.
 */
final class StlinkFirmware {

    /** Every command block is 16 bytes (stlink.md §1.1). */
    static final int COMMAND_BLOCK_BYTES = 16;

    private static final int GET_VERSION = 0xF1;
    private static final int DEBUG_COMMAND = 0xF2;
    private static final int DFU_COMMAND = 0xF3;
    private static final int SWIM_COMMAND = 0xF4;
    private static final int GET_CURRENT_MODE = 0xF5;
    private static final int GET_TARGET_VOLTAGE = 0xF7;
    private static final int GET_VERSION_EX = 0xFB;

    private static final int DFU_EXIT = 0x07;
    private static final int SWIM_EXIT = 0x01;

    private static final int V1_GETSTATUS = 0x01;
    private static final int V1_FORCEDEBUG = 0x02;
    private static final int READMEM_32BIT = 0x07;
    private static final int WRITEMEM_32BIT = 0x08;
    private static final int V1_RUNCORE = 0x09;
    private static final int V1_STEPCORE = 0x0A;
    private static final int READMEM_8BIT = 0x0C;
    private static final int WRITEMEM_8BIT = 0x0D;
    private static final int EXIT = 0x21;
    private static final int ENTER = 0x30;
    private static final int READ_IDCODES = 0x31;
    private static final int RESETSYS = 0x32;
    private static final int READREG = 0x33;
    private static final int WRITEREG = 0x34;
    private static final int WRITEDEBUGREG = 0x35;
    private static final int READDEBUGREG = 0x36;
    private static final int READALLREGS = 0x3A;
    private static final int GETLASTRWSTATUS = 0x3B;
    private static final int DRIVE_NRST = 0x3C;
    private static final int GETLASTRWSTATUS2 = 0x3E;
    private static final int SWD_SET_FREQ = 0x43;
    private static final int JTAG_SET_FREQ = 0x44;
    private static final int READ_DAP_REG = 0x45;
    private static final int WRITE_DAP_REG = 0x46;
    private static final int READMEM_16BIT = 0x47;
    private static final int WRITEMEM_16BIT = 0x48;
    private static final int INIT_AP = 0x4B;
    private static final int CLOSE_AP_DBG = 0x4C;
    private static final int WRITEMEM_32BIT_NO_ADDR_INC = 0x50;
    private static final int RW_MISC_OUT = 0x51;
    private static final int RW_MISC_IN = 0x52;
    private static final int READMEM_32BIT_NO_ADDR_INC = 0x54;
    private static final int SET_COM_FREQ = 0x61;
    private static final int GET_COM_FREQ = 0x62;

    private static final int ENTER_SWD = 0xA3;
    private static final int MODE_MASS = 1;
    private static final int MODE_DEBUG = 2;
    private static final int DP_PORT = 0xFFFF;
    private static final int AP_IDR = 0xFC;
    private static final int NRST_LOW = 0;
    private static final int NRST_HIGH = 1;
    private static final int NRST_PULSE = 2;
    /** How long a DRIVE_NRST pulse holds the line low; not documented by ST, chosen well above the F411's 20 µs minimum. */
    private static final long NRST_PULSE_NANOS = 1_000_000;
    /** ADC reading of the probe's reference (stlink.md §8): volts = 2 × a1 × 1.2 / a0. */
    private static final int VREF_ADC = 1600;
    /** API v1 GETSTATUS core states. */
    private static final int CORE_RUNNING = 0x80;
    private static final int CORE_HALTED = 0x81;
    /** READALLREGS words after the status: R0–R15, xPSR, MSP, PSP, CONTROL/FAULTMASK/BASEPRI/PRIMASK, FPSCR. */
    private static final int[] ALL_REGISTERS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
        0x14, 0x21};

    private final StlinkModel model;
    private final TargetCable cable;
    private final SwdEngine swd;
    private final MemoryAccessPort memory;
    private final CoreDebugAccess core;
    private final BitSet openAps = new BitSet(256);
    private final RwMiscBatch miscBatch;
    private int mode = MODE_MASS;
    private int jtagKhz;
    private int lastRwStatus = StlinkStatus.OK;
    private int lastRwAddress;

    StlinkFirmware(StlinkModel model, TargetCable cable) {
        this.model = model;
        this.cable = cable;
        this.swd = new SwdEngine(cable,
                1000L * (model.isV3() ? SwdClockTable.V3_DEFAULT_KHZ : SwdClockTable.V2_DEFAULT_KHZ));
        this.memory = new MemoryAccessPort(swd);
        this.core = new CoreDebugAccess(memory);
        this.miscBatch = new RwMiscBatch(memory);
    }

    /** How many data-out bytes follow this command block: only write commands this firmware knows have them. */
    int dataOutLength(byte[] cmd) {
        if (u8(cmd, 0) != DEBUG_COMMAND) {
            return 0;
        }
        return switch (u8(cmd, 1)) {
            case WRITEMEM_32BIT, WRITEMEM_8BIT -> u16(cmd, 6);
            case WRITEMEM_16BIT -> model.hasMem16Bit() ? u16(cmd, 6) : 0;
            case WRITEMEM_32BIT_NO_ADDR_INC -> model.hasMem16Bit() ? u16(cmd, 6) : 0;
            case RW_MISC_OUT -> model.hasCsw() ? RwMiscBatch.requestBytes(u32(cmd, 2)) : 0;
            default -> 0;
        };
    }

    /** Runs one command; returns its reply, or null for the commands that send none. */
    byte[] execute(byte[] cmd, byte[] dataOut) {
        return switch (u8(cmd, 0)) {
            case GET_VERSION -> version();
            case GET_VERSION_EX -> model.isV3() ? versionEx() : unknown();
            case GET_CURRENT_MODE -> new byte[] {(byte) mode, 0};
            case GET_TARGET_VOLTAGE -> model.hasTargetVoltage() ? targetVoltage() : unknown();
            case DFU_COMMAND -> exitOrUnknown(u8(cmd, 1) == DFU_EXIT);
            case SWIM_COMMAND -> exitOrUnknown(u8(cmd, 1) == SWIM_EXIT);
            case DEBUG_COMMAND -> debugCommand(cmd, dataOut);
            default -> unknown();
        };
    }

    /** The firmware's status for an unrecognised command (the host decides how much of it to read). */
    private static byte[] unknown() {
        return status(StlinkStatus.UNKNOWN_COMMAND);
    }

    /** DFU_EXIT and SWIM exit leave the probe in mass-storage mode and send no reply. */
    private byte[] exitOrUnknown(boolean isExit) {
        if (!isExit) {
            return unknown();
        }
        mode = MODE_MASS;
        return null;
    }

    private byte[] debugCommand(byte[] cmd, byte[] dataOut) {
        int sub = u8(cmd, 1);
        return switch (sub) {
            case ENTER -> enter(u8(cmd, 2));
            case EXIT -> {
                mode = MODE_MASS;
                openAps.clear();
                yield null;
            }
            case READ_IDCODES -> readIdcodes();
            case DRIVE_NRST -> driveNrst(u8(cmd, 2));
            case RESETSYS -> status(run(() -> core.writeWord(CoreDebugAccess.AIRCR, CoreDebugAccess.AIRCR_SYSRESETREQ)));
            case READDEBUGREG -> readDebugRegister(u32(cmd, 2));
            case WRITEDEBUGREG -> status(run(() -> core.writeWord(u32(cmd, 2), u32(cmd, 6))));
            case READREG -> readCoreRegister(u8(cmd, 2));
            case WRITEREG -> status(run(() -> core.writeCoreRegister(u8(cmd, 2), u32(cmd, 3))));
            case READALLREGS -> readAllRegisters();
            case V1_GETSTATUS -> coreState();
            case V1_FORCEDEBUG -> status(run(() -> core.control(CoreDebugAccess.C_DEBUGEN | CoreDebugAccess.C_HALT)));
            case V1_RUNCORE -> status(run(() -> core.control(CoreDebugAccess.C_DEBUGEN)));
            case V1_STEPCORE -> status(run(() -> core.control(
                    CoreDebugAccess.C_DEBUGEN | CoreDebugAccess.C_STEP | CoreDebugAccess.C_MASKINTS)));
            case READMEM_32BIT -> readMemory(cmd, AccessWidth.WORD, true);
            case WRITEMEM_32BIT -> writeMemory(cmd, dataOut, AccessWidth.WORD, true);
            case READMEM_8BIT -> readMemory(cmd, AccessWidth.BYTE, true);
            case WRITEMEM_8BIT -> writeMemory(cmd, dataOut, AccessWidth.BYTE, true);
            case READMEM_16BIT -> model.hasMem16Bit() ? readMemory(cmd, AccessWidth.HALF_WORD, true) : unknown();
            case WRITEMEM_16BIT -> model.hasMem16Bit() ? writeMemory(cmd, dataOut, AccessWidth.HALF_WORD, true)
                    : unknown();
            case WRITEMEM_32BIT_NO_ADDR_INC -> model.hasMem16Bit()
                    ? writeMemory(cmd, dataOut, AccessWidth.WORD, false) : unknown();
            case READMEM_32BIT_NO_ADDR_INC -> model.hasCsw() ? readMemory(cmd, AccessWidth.WORD, false) : unknown();
            case GETLASTRWSTATUS -> status(lastRwStatus);
            case GETLASTRWSTATUS2 -> model.hasRwStatus2() ? lastRwStatus2() : unknown();
            case SWD_SET_FREQ -> model.hasSwdSetFreq() ? swdSetFrequency(u16(cmd, 2)) : unknown();
            case JTAG_SET_FREQ -> model.hasJtagSetFreq() ? jtagSetFrequency(u16(cmd, 2)) : unknown();
            case GET_COM_FREQ -> model.isV3() ? comFrequencies(u8(cmd, 2)) : unknown();
            case SET_COM_FREQ -> model.isV3() ? setComFrequency(u8(cmd, 2), u32(cmd, 4)) : unknown();
            case READ_DAP_REG -> model.hasDapRegisters() ? readDapRegister(u16(cmd, 2), u16(cmd, 4)) : unknown();
            case WRITE_DAP_REG -> model.hasDapRegisters()
                    ? status(writeDapRegister(u16(cmd, 2), u16(cmd, 4), u32(cmd, 6))) : unknown();
            case INIT_AP -> model.hasApInit() ? initAp(u8(cmd, 2)) : unknown();
            case CLOSE_AP_DBG -> model.hasApInit() ? closeAp(u8(cmd, 2)) : unknown();
            case RW_MISC_OUT -> model.hasCsw() ? miscBatch.run(u32(cmd, 2), dataOut) : unknown();
            case RW_MISC_IN -> model.hasCsw() ? miscBatch.results() : unknown();
            default -> unknown();
        };
    }

    // --- identification ------------------------------------------------------------------------

    /** GET_VERSION: big-endian V:4 X:6 Y:6, then VID and PID little-endian (stlink.md §2.1). */
    private byte[] version() {
        int x = model.isV3() ? 0 : model.jtagVersion();
        int y = model.isV3() ? 0 : model.reportsMassStorageVersion() ? model.massStorageVersion() : model.swimVersion();
        int word = model.hardwareVersion() << 12 | x << 6 | y;
        byte[] reply = new byte[6];
        reply[0] = (byte) (word >>> 8);
        reply[1] = (byte) word;
        putU16(reply, 2, StlinkModel.VENDOR_ID);
        putU16(reply, 4, model.productId());
        return reply;
    }

    /** GET_VERSION_EX (V3): V, S, J, M, B, three reserved bytes, VID, PID (stlink.md §2.1). */
    private byte[] versionEx() {
        byte[] reply = new byte[12];
        reply[0] = (byte) model.hardwareVersion();
        reply[1] = (byte) model.swimVersion();
        reply[2] = (byte) model.jtagVersion();
        reply[3] = (byte) model.massStorageVersion();
        reply[4] = (byte) model.bridgeVersion();
        putU16(reply, 8, StlinkModel.VENDOR_ID);
        putU16(reply, 10, model.productId());
        return reply;
    }

    /** Two ADC readings: the reference and the target's VREF pin (stlink.md §8); 0 V with an empty fixture. */
    private byte[] targetVoltage() {
        byte[] reply = new byte[8];
        putU32(reply, 0, VREF_ADC);
        putU32(reply, 4, (int) Math.round(swd.targetVoltage() * VREF_ADC / 2.4));
        return reply;
    }

    // --- debug mode and the debug port ---------------------------------------------------------

    private byte[] enter(int how) {
        if (how != ENTER_SWD) {
            // the lab's boards expose SWD only: a JTAG scan finds no IDCODE
            return status(StlinkStatus.GET_IDCODE_ERROR);
        }
        openAps.clear();
        try {
            swd.connect();
            mode = MODE_DEBUG;
            return status(StlinkStatus.OK);
        } catch (StlinkError e) {
            return status(e.status());
        }
    }

    private byte[] readIdcodes() {
        byte[] reply = new byte[12];
        try {
            putU32(reply, 4, swd.readIdcode());
            reply[0] = (byte) StlinkStatus.OK;
        } catch (StlinkError e) {
            reply[0] = (byte) e.status();
        }
        return reply;
    }

    private byte[] driveNrst(int how) {
        switch (how) {
            case NRST_LOW -> setResetLine(true);
            case NRST_HIGH -> setResetLine(false);
            case NRST_PULSE -> {
                setResetLine(true);
                cable.probeClock().advance(NRST_PULSE_NANOS);
                setResetLine(false);
            }
            default -> {
                return status(StlinkStatus.FAULT);
            }
        }
        return status(StlinkStatus.OK);
    }

    private void setResetLine(boolean asserted) {
        cable.board().ifPresent(board -> {
            cable.syncBoardToProbe(board);
            board.setResetLine(asserted);
            cable.syncProbeToBoard(board);
        });
    }

    private byte[] readDapRegister(int port, int address) {
        byte[] reply = new byte[8];
        try {
            int value;
            if (port == DP_PORT) {
                value = swd.readDp(address);
            } else {
                requireApUsable(port, (address & 0xFF) == AP_IDR);
                value = swd.readAp(port, address);
            }
            putU32(reply, 4, value);
            reply[0] = (byte) StlinkStatus.OK;
        } catch (StlinkError e) {
            reply[0] = (byte) e.status();
        }
        return reply;
    }

    private int writeDapRegister(int port, int address, int value) {
        try {
            if (port == DP_PORT) {
                swd.writeDp(address, value);
            } else {
                requireApUsable(port, false);
                if ((address & 0xFF) == MemoryAccessPort.CSW) {
                    memory.forgetCsw(port);
                }
                swd.writeAp(port, address, value);
            }
            return StlinkStatus.OK;
        } catch (StlinkError e) {
            return e.status();
        }
    }

    /** Firmware with AP initialisation refuses AP registers (other than IDR) of APs the host has not opened. */
    private void requireApUsable(int ap, boolean identification) throws StlinkError {
        if (ap > 0xFF) {
            throw new StlinkError(StlinkStatus.BAD_AP, "AP number " + ap + " does not exist");
        }
        if (model.hasApInit() && !identification && !openAps.get(ap)) {
            throw new StlinkError(StlinkStatus.BAD_AP, "AP " + ap + " was not initialised");
        }
    }

    private byte[] initAp(int ap) {
        openAps.set(ap);
        memory.forgetCsw(ap);
        return status(StlinkStatus.OK);
    }

    private byte[] closeAp(int ap) {
        openAps.clear(ap);
        return status(StlinkStatus.OK);
    }

    // --- clocks --------------------------------------------------------------------------------

    private byte[] swdSetFrequency(int divisor) {
        return SwdClockTable.v2SwdKhz(divisor)
                .map(khz -> {
                    swd.setClockHz(khz * 1000L);
                    return status(StlinkStatus.OK);
                })
                .orElseGet(() -> status(StlinkStatus.FREQUENCY_NOT_SUPPORTED));
    }

    private byte[] jtagSetFrequency(int divisor) {
        return SwdClockTable.v2JtagKhz(divisor)
                .map(khz -> {
                    jtagKhz = khz;
                    return status(StlinkStatus.OK);
                })
                .orElseGet(() -> status(StlinkStatus.FREQUENCY_NOT_SUPPORTED));
    }

    /** GET_COM_FREQ: status, current kHz, count, then up to 10 kHz values (stlink.md §4, §6). */
    private byte[] comFrequencies(int type) {
        List<Integer> offered = type == 0 ? SwdClockTable.V3_SWD_KHZ : SwdClockTable.V3_JTAG_KHZ;
        byte[] reply = new byte[52];
        reply[0] = (byte) StlinkStatus.OK;
        putU32(reply, 4, type == 0 ? (int) (swd.clockHz() / 1000) : currentJtagKhz());
        reply[8] = (byte) offered.size();
        for (int i = 0; i < offered.size(); i++) {
            putU32(reply, 12 + 4 * i, offered.get(i));
        }
        return reply;
    }

    private byte[] setComFrequency(int type, int requestedKhz) {
        List<Integer> offered = type == 0 ? SwdClockTable.V3_SWD_KHZ : SwdClockTable.V3_JTAG_KHZ;
        int actual = SwdClockTable.v3Pick(offered, requestedKhz);
        if (type == 0) {
            swd.setClockHz(actual * 1000L);
        } else {
            jtagKhz = actual;
        }
        byte[] reply = new byte[8];
        reply[0] = (byte) StlinkStatus.OK;
        putU32(reply, 4, actual);
        return reply;
    }

    private int currentJtagKhz() {
        return jtagKhz != 0 ? jtagKhz : SwdClockTable.V3_JTAG_KHZ.get(0);
    }

    // --- memory --------------------------------------------------------------------------------

    private byte[] readMemory(byte[] cmd, AccessWidth width, boolean increment) {
        int length = u16(cmd, 6);
        // a 1-byte read answers 2 bytes (stlink.md §4)
        byte[] reply = new byte[width == AccessWidth.BYTE && length == 1 ? 2 : length];
        transferMemory(cmd, width, length, (ap, csw, address) ->
                memory.read(ap, csw, address, reply, length, width, increment));
        return reply;
    }

    private byte[] writeMemory(byte[] cmd, byte[] dataOut, AccessWidth width, boolean increment) {
        int length = Math.min(u16(cmd, 6), dataOut.length);
        transferMemory(cmd, width, length, (ap, csw, address) ->
                memory.write(ap, csw, address, dataOut, length, width, increment));
        return null;
    }

    /** Checks a memory command's limits, runs it and records the outcome for GETLASTRWSTATUS(2). */
    private void transferMemory(byte[] cmd, AccessWidth width, int length, MemoryTransfer transfer) {
        int address = u32(cmd, 2);
        int ap = model.hasCsw() ? u8(cmd, 8) : 0;
        int cswBits = model.hasCsw() ? u24(cmd, 9) << 8 : 0;
        lastRwAddress = 0;
        int limit = width == AccessWidth.BYTE ? model.max8BitBytes() : model.max16Or32BitBytes();
        if (address % width.bytes() != 0 || length % width.bytes() != 0) {
            lastRwStatus = StlinkStatus.ALIGNMENT_ERROR;
            lastRwAddress = address;
            return;
        }
        if (length > limit) {
            lastRwStatus = StlinkStatus.FAULT;
            lastRwAddress = address;
            return;
        }
        try {
            if (ap != 0) {
                requireApUsable(ap, false);
            }
            transfer.run(ap, cswBits == 0 ? CoreDebugAccess.DEFAULT_CSW : cswBits, address);
            lastRwStatus = StlinkStatus.OK;
        } catch (MemoryAccessPort.TransferFault f) {
            lastRwStatus = f.status();
            lastRwAddress = f.address();
        } catch (StlinkError e) {
            lastRwStatus = e.status();
            lastRwAddress = address;
        }
    }

    /** GETLASTRWSTATUS2: status, then the faulting address at bytes 4–7 (stlink.md §4). */
    private byte[] lastRwStatus2() {
        byte[] reply = new byte[12];
        reply[0] = (byte) lastRwStatus;
        putU32(reply, 4, lastRwAddress);
        return reply;
    }

    // --- core ----------------------------------------------------------------------------------

    private byte[] readDebugRegister(int address) {
        return statusAndWord(() -> core.readWord(address));
    }

    private byte[] readCoreRegister(int regsel) {
        return statusAndWord(() -> core.readCoreRegister(regsel));
    }

    /** READALLREGS: a 32-bit status, then 21 registers (stlink.md §4; the last two slots are UNCONFIRMED). */
    private byte[] readAllRegisters() {
        byte[] reply = new byte[4 + 4 * ALL_REGISTERS.length];
        for (int i = 0; i < ALL_REGISTERS.length; i++) {
            int regsel = ALL_REGISTERS[i];
            int at = 4 + 4 * i;
            int result = run(() -> putU32(reply, at, core.readCoreRegister(regsel)));
            if (result != StlinkStatus.OK) {
                putU32(reply, 0, result);
                return reply;
            }
        }
        putU32(reply, 0, StlinkStatus.OK);
        return reply;
    }

    /** API v1 GETSTATUS: 0x80 running, 0x81 halted; a failed read reports its status instead. */
    private byte[] coreState() {
        int[] dhcsr = new int[1];
        int result = run(() -> dhcsr[0] = core.readWord(CoreDebugAccess.DHCSR));
        if (result != StlinkStatus.OK) {
            return status(result);
        }
        return status((dhcsr[0] & CoreDebugAccess.S_HALT) != 0 ? CORE_HALTED : CORE_RUNNING);
    }

    private byte[] statusAndWord(WordRead read) {
        byte[] reply = new byte[8];
        int result = run(() -> putU32(reply, 4, read.read()));
        reply[0] = (byte) result;
        return reply;
    }

    /** Runs a core action and turns its failure into the status byte the firmware reports. */
    private int run(CoreAction action) {
        try {
            action.run();
            return StlinkStatus.OK;
        } catch (MemoryAccessPort.TransferFault f) {
            return f.status();
        } catch (StlinkError e) {
            return e.status();
        }
    }

    /** A two-byte reply: status, then an unused byte. */
    private static byte[] status(int status) {
        return new byte[] {(byte) status, 0};
    }

    @FunctionalInterface
    private interface CoreAction {
        void run() throws MemoryAccessPort.TransferFault, StlinkError;
    }

    @FunctionalInterface
    private interface WordRead {
        int read() throws MemoryAccessPort.TransferFault, StlinkError;
    }

    @FunctionalInterface
    private interface MemoryTransfer {
        void run(int ap, int csw, int address) throws MemoryAccessPort.TransferFault;
    }
}
