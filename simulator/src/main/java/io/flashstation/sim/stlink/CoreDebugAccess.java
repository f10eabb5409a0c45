package io.flashstation.sim.stlink;

import io.flashstation.sim.bytes.LittleEndian;

/**
 * The Cortex-M debug registers as the firmware's register commands use them (stm32f411-target.md §10): 32-bit
 * word accesses through AP0, core registers through DCRSR/DCRDR with DHCSR.S_REGRDY polled in between.
 */
final class CoreDebugAccess {

    static final int DHCSR = 0xE000_EDF0;
    static final int DCRSR = 0xE000_EDF4;
    static final int DCRDR = 0xE000_EDF8;
    static final int AIRCR = 0xE000_ED0C;
    /** DBGKEY in DHCSR[31:16]: writes without it are ignored by the core. */
    static final int DBGKEY = 0xA05F_0000;
    static final int C_DEBUGEN = 1;
    static final int C_HALT = 1 << 1;
    static final int C_STEP = 1 << 2;
    static final int C_MASKINTS = 1 << 3;
    static final int S_HALT = 1 << 17;
    /** AIRCR: VECTKEY 0x05FA with SYSRESETREQ. */
    static final int AIRCR_SYSRESETREQ = 0x05FA_0004;
    private static final int S_REGRDY = 1 << 16;
    private static final int DCRSR_WRITE = 1 << 16;
    private static final int REGISTER_READY_POLLS = 10;
    /** CSW bits the firmware uses when the host gives none: HPROT1 (privileged), debug master, DbgSwEnable. */
    static final int DEFAULT_CSW = 0xA200_0000;

    private final MemoryAccessPort memory;

    CoreDebugAccess(MemoryAccessPort memory) {
        this.memory = memory;
    }

    int readWord(int address) throws MemoryAccessPort.TransferFault {
        byte[] word = new byte[4];
        memory.read(0, DEFAULT_CSW, address, word, 4, AccessWidth.WORD, true);
        return LittleEndian.u32(word, 0);
    }

    void writeWord(int address, int value) throws MemoryAccessPort.TransferFault {
        byte[] word = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
        memory.write(0, DEFAULT_CSW, address, word, 4, AccessWidth.WORD, true);
    }

    int readCoreRegister(int regsel) throws MemoryAccessPort.TransferFault, StlinkError {
        writeWord(DCRSR, regsel & 0x7F);
        awaitRegisterReady();
        return readWord(DCRDR);
    }

    void writeCoreRegister(int regsel, int value) throws MemoryAccessPort.TransferFault, StlinkError {
        writeWord(DCRDR, value);
        writeWord(DCRSR, regsel & 0x7F | DCRSR_WRITE);
        awaitRegisterReady();
    }

    /** Writes DHCSR with the debug key. */
    void control(int controlBits) throws MemoryAccessPort.TransferFault {
        writeWord(DHCSR, DBGKEY | controlBits);
    }

    private void awaitRegisterReady() throws MemoryAccessPort.TransferFault, StlinkError {
        for (int poll = 0; poll < REGISTER_READY_POLLS; poll++) {
            if ((readWord(DHCSR) & S_REGRDY) != 0) {
                return;
            }
        }
        throw new StlinkError(StlinkStatus.FAULT, "the core never set S_REGRDY (is it halted?)");
    }
}
