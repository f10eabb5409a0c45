package io.flashstation.sim.core;

/**
 * The DWT at 0xE0001000 (stm32f411-target.md §10, §13.14): DWT_CTRL reporting four comparators, the profiling
 * counters as storage, COMPn/MASKn/FUNCTIONn, and DWT_DEVARCH (0xFBC, reserved on ARMv7-M) reading zero. Counters
 * do not count (CYCCNT and the rest are storage) and watchpoints never fire: the core does not report to the DWT.
 */
final class DataWatchpointTrace implements PpbComponent {

    static final int DWT_CTRL = 0x000;
    static final int DWT_COMP0 = 0x020;
    static final int COMPARATORS = 4;

    private static final int NUMCOMP = COMPARATORS << 28;
    private static final int CTRL_WRITABLE = 0x007F_1FFF;
    private static final int FUNCTION_WRITABLE = 0x000F_FDAF;
    private static final CoreSightId ID = new CoreSightId(0x002, CoreSightId.ARM, 3, CoreSightId.CLASS_GENERIC_IP);

    private final RegisterTable registers = new RegisterTable();

    DataWatchpointTrace() {
        registers.plain(DWT_CTRL, NUMCOMP, CTRL_WRITABLE)
                .plain(0x004, 0, 0xFFFF_FFFF)  // CYCCNT
                .plain(0x008, 0, 0xFF)         // CPICNT
                .plain(0x00C, 0, 0xFF)         // EXCCNT
                .plain(0x010, 0, 0xFF)         // SLEEPCNT
                .plain(0x014, 0, 0xFF)         // LSUCNT
                .plain(0x018, 0, 0xFF);        // FOLDCNT
        for (int n = 0; n < COMPARATORS; n++) {
            int base = DWT_COMP0 + 16 * n;
            registers.plain(base, 0, 0xFFFF_FFFF)       // COMPn
                    .plain(base + 4, 0, 0x1F)           // MASKn
                    .plain(base + 8, 0, FUNCTION_WRITABLE); // FUNCTIONn
        }
    }

    void powerOn() {
        registers.reset();
    }

    @Override
    public int read(int offset) {
        return CoreSightId.covers(offset) ? ID.read(offset) : registers.read(offset);
    }

    @Override
    public void write(int offset, int value) {
        registers.write(offset, value);
    }
}
