package io.flashstation.sim.target;

/**
 * The MCU debug component at 0xE0042000 (stm32f411-target.md §5): the read-only IDCODE that identifies the part,
 * and the freeze/low-power debug controls, which only a power-on reset clears (the sheet marks that UNCONFIRMED;
 * OpenOCD rewrites them at every reset anyway). Unimplemented bits read as 0.
 */
final class DbgMcu {

    static final int SIZE = 0x10;

    private static final int IDCODE = 0x0;
    private static final int CR = 0x4;
    private static final int APB1_FZ = 0x8;
    private static final int APB2_FZ = 0xC;

    // DBG_SLEEP/STOP/STANDBY 2:0, TRACE_IOEN 5, TRACE_MODE 7:6
    private static final int CR_BITS = 0xE7;
    // TIM2..5 3:0, RTC 10, WWDG 11, IWDG 12, I2C1..3 SMBus timeout 23:21
    private static final int APB1_FZ_BITS = 0x00E0_1C0F;
    // TIM1 0, TIM9..11 18:16
    private static final int APB2_FZ_BITS = 0x0007_0001;

    private final int idcode;
    private int cr;
    private int apb1Freeze;
    private int apb2Freeze;

    DbgMcu(ChipVariant variant) {
        this.idcode = variant.dbgmcuIdcode();
    }

    void powerOnReset() {
        cr = 0;
        apb1Freeze = 0;
        apb2Freeze = 0;
    }

    BusResponse read(int offset, AccessSize size, long now) {
        int word = switch (offset & ~3) {
            case IDCODE -> idcode;
            case CR -> cr;
            case APB1_FZ -> apb1Freeze;
            default -> apb2Freeze;
        };
        return BusResponse.okay(RegisterWrite.readLanes(word, offset, size), now);
    }

    // IDCODE is read-only: writes to it are ignored without an error.
    BusResponse write(int offset, AccessSize size, int value, long now) {
        RegisterWrite write = RegisterWrite.of(offset, size, value);
        switch (offset & ~3) {
            case CR -> cr = write.mergeInto(cr) & CR_BITS;
            case APB1_FZ -> apb1Freeze = write.mergeInto(apb1Freeze) & APB1_FZ_BITS;
            case APB2_FZ -> apb2Freeze = write.mergeInto(apb2Freeze) & APB2_FZ_BITS;
            default -> { }
        }
        return BusResponse.okay(0, now);
    }
}
