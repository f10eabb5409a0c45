package io.flashstation.probe.target;

import io.flashstation.probe.arm.AccessSize;

/**
 * FLASH_CR.PSIZE, the parallelism of program and erase operations. It must suit the supply: x32 needs 2.7–3.6 V,
 * x16 2.1 V and up, x8 works down to 1.7 V (stm32f411-target.md §8, CMSIS-HAL voltage ranges). x64 needs an
 * external VPP that F411 packages lack, so it is not offered.
 */
public enum Psize {
    X8(0b00, AccessSize.BYTE),
    X16(0b01, AccessSize.HALFWORD),
    X32(0b10, AccessSize.WORD);

    private static final double X32_MIN_VOLTS = 2.7;
    private static final double X16_MIN_VOLTS = 2.1;

    private final int field;
    private final AccessSize access;

    Psize(int field, AccessSize access) {
        this.field = field;
        this.access = access;
    }

    /** The PSIZE field placed at FLASH_CR[9:8]. */
    public int crBits() {
        return field << 8;
    }

    /** The MEM-AP access width that programs at this parallelism (a different width gives PGPERR). */
    public AccessSize access() {
        return access;
    }

    /** The widest parallelism the supply allows. */
    public static Psize forSupply(double volts) {
        if (volts >= X32_MIN_VOLTS) {
            return X32;
        }
        return volts >= X16_MIN_VOLTS ? X16 : X8;
    }
}
