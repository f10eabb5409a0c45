package io.flashstation.sim.core;

/**
 * The System Control Space at 0xE000E000 (stm32f411-target.md §10): CPUID, the system control block registers,
 * AIRCR resets, the FP feature and control registers, the debug control block, and the SCS component IDs.
 * NVIC and SysTick registers read as zero and ignore writes: no interrupt source is modelled. The core records its
 * faults here ({@link FaultStatus}).
 */
final class SystemControlSpace implements PpbComponent, FaultStatus {

    static final int CPUID = 0xD00;
    static final int AIRCR = 0xD0C;
    static final int VTOR = 0xD08;
    static final int CCR = 0xD14;
    static final int CFSR = 0xD28;
    static final int HFSR = 0xD2C;
    static final int BFAR = 0xD38;
    static final int MVFR0 = 0xF40;
    static final int MVFR1 = 0xF44;

    /** Cortex-M4 r0p1 (§1). */
    static final int CPUID_VALUE = 0x410F_C241;
    /** FPv4-SP single precision, as OpenOCD requires to expose the FPU (§1). */
    static final int MVFR0_VALUE = 0x1011_0021;
    static final int MVFR1_VALUE = 0x1100_0011;

    private static final int CFSR_BFARVALID = 1 << 15;
    private static final int CCR_STKALIGN = 1 << 9;
    private static final int VECTKEY = 0x05FA;
    private static final int VECTKEY_READ = 0xFA05;
    private static final int AIRCR_VECTRESET = 1;
    private static final int AIRCR_SYSRESETREQ = 1 << 2;
    private static final int AIRCR_PRIGROUP = 0x700;
    private static final CoreSightId SCS_ID = new CoreSightId(0x00C, CoreSightId.ARM, 0, CoreSightId.CLASS_GENERIC_IP);

    private final DebugControlBlock debug;
    private final Runnable systemResetRequest;
    // ARMv7-M ARM (DDI 0403) register layouts; reset values and writable bits of a Cortex-M4 with FPU
    private final RegisterTable control = new RegisterTable()
            .constant(CPUID, CPUID_VALUE)
            .plain(VTOR, 0, 0x3FFF_FF80)            // VTOR
            .plain(0xD10, 0, 0x16)                  // SCR
            .plain(CCR, 0x200, 0x31B)               // CCR: STKALIGN set out of reset
            .plain(0xD18, 0, 0x00F0_F0F0)           // SHPR1: MemManage, BusFault, UsageFault priorities
            .plain(0xD1C, 0, 0xF000_0000)           // SHPR2: SVCall
            .plain(0xD20, 0, 0xF0F0_0000)           // SHPR3: PendSV, SysTick
            .plain(0xD24, 0, 0x0007_FD8B)           // SHCSR
            .writeOneToClear(CFSR, 0x030F_BFBB)     // CFSR
            .writeOneToClear(HFSR, 0xC000_0002)     // HFSR
            .plain(0xD34, 0, 0xFFFF_FFFF)           // MMFAR
            .plain(BFAR, 0, 0xFFFF_FFFF)            // BFAR
            .plain(0xD88, 0, 0x00F0_0000)           // CPACR: CP10, CP11
            .plain(0xF34, 0xC000_0000, 0xC000_017B) // FPCCR: ASPEN, LSPEN
            .plain(0xF38, 0, 0xFFFF_FFF8)           // FPCAR
            .plain(0xF3C, 0, 0x07C0_0000)           // FPDSCR
            .constant(MVFR0, MVFR0_VALUE)
            .constant(MVFR1, MVFR1_VALUE);
    private int prigroup;

    /**
     * @param systemResetRequest what AIRCR.SYSRESETREQ asserts: the whole system reset (core and peripherals)
     */
    SystemControlSpace(DebugControlBlock debug, Runnable systemResetRequest) {
        this.debug = debug;
        this.systemResetRequest = systemResetRequest;
    }

    /** What a system reset does to the SCB: registers back to their reset values (debug registers stay). */
    void reset() {
        control.reset();
        prigroup = 0;
    }

    @Override
    public void recordFault(int cfsrBits, int hfsrBits) {
        control.raise(CFSR, cfsrBits);
        control.raise(HFSR, hfsrBits);
    }

    @Override
    public void recordBusFaultAddress(int address) {
        control.load(BFAR, address);
        control.raise(CFSR, CFSR_BFARVALID);
    }

    @Override
    public int vectorTableOffset() {
        return control.read(VTOR);
    }

    @Override
    public boolean stackAlignedTo8() {
        return (control.read(CCR) & CCR_STKALIGN) != 0;
    }

    @Override
    public int read(int offset) {
        if (isDebugRegister(offset)) {
            return debug.read(offset);
        }
        if (offset == AIRCR) {
            return (VECTKEY_READ << 16) | prigroup; // ENDIANNESS 0: little-endian
        }
        if (CoreSightId.covers(offset)) {
            return SCS_ID.read(offset);
        }
        return control.read(offset);
    }

    @Override
    public void write(int offset, int value) {
        if (isDebugRegister(offset)) {
            debug.write(offset, value);
        } else if (offset == AIRCR) {
            writeAircr(value);
        } else {
            control.write(offset, value);
        }
    }

    private void writeAircr(int value) {
        if ((value >>> 16) != VECTKEY) {
            return; // writes without VECTKEY are ignored (§10)
        }
        prigroup = value & AIRCR_PRIGROUP;
        if ((value & AIRCR_SYSRESETREQ) != 0) {
            systemResetRequest.run();
        } else if ((value & AIRCR_VECTRESET) != 0) {
            reset();
            debug.coreReset(); // a local reset: core only, peripherals untouched
        }
    }

    private static boolean isDebugRegister(int offset) {
        return offset == DebugControlBlock.DFSR || (offset >= DebugControlBlock.DHCSR && offset <= DebugControlBlock.DEMCR);
    }
}
