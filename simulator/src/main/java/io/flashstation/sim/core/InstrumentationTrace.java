package io.flashstation.sim.core;

/**
 * A minimal ITM at 0xE0000000: stimulus ports that always report FIFO ready while the ITM is enabled and drop
 * what is written (no trace port is modelled), the enable, privilege and control registers, and the IDs.
 */
final class InstrumentationTrace implements PpbComponent {

    private static final int STIMULUS_END = 0x100;
    private static final int ITM_TER = 0xE00;
    private static final int ITM_TPR = 0xE40;
    private static final int ITM_TCR = 0xE80;
    private static final int TCR_ITMENA = 1;
    private static final CoreSightId ID = new CoreSightId(0x001, CoreSightId.ARM, 3, CoreSightId.CLASS_GENERIC_IP);

    private final RegisterTable registers = new RegisterTable()
            .plain(ITM_TER, 0, 0xFFFF_FFFF)
            .plain(ITM_TPR, 0, 0xF)
            .plain(ITM_TCR, 0, 0x007F_0F1F);

    void powerOn() {
        registers.reset();
    }

    @Override
    public int read(int offset) {
        if (offset < STIMULUS_END) {
            return registers.read(ITM_TCR) & TCR_ITMENA; // bit 0: FIFOREADY
        }
        return CoreSightId.covers(offset) ? ID.read(offset) : registers.read(offset);
    }

    @Override
    public void write(int offset, int value) {
        registers.write(offset, value);
    }
}
