package io.flashstation.probe.target;

import java.util.Optional;

/** The STM32F4 line an ID code names: DBGMCU_IDCODE.DEV_ID and the name printed for it (stm32f411-target.md §1, §5). */
public enum Stm32F4Family {
    STM32F401_B_C(0x423, "STM32F401"),
    STM32F401_D_E(0x433, "STM32F401"),
    STM32F411(0x431, "STM32F411");

    private final int devId;
    private final String line;

    Stm32F4Family(int devId, String line) {
        this.devId = devId;
        this.line = line;
    }

    public int devId() {
        return devId;
    }

    /** The family's product line, e.g. "STM32F411". */
    public String line() {
        return line;
    }

    /** The family whose DEV_ID is {@code devId}, if it is one of ours. */
    public static Optional<Stm32F4Family> forDevId(int devId) {
        for (Stm32F4Family family : values()) {
            if (family.devId == devId) {
                return Optional.of(family);
            }
        }
        return Optional.empty();
    }
}
