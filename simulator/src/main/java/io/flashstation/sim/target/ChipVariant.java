package io.flashstation.sim.target;

/** The parts a virtual board can be: the BlackPill's STM32F411CE and the F401s it is confused with. */
public enum ChipVariant {
    STM32F411CE("stm32f411ce", 0x431, 0x1000, 512),
    STM32F401CC("stm32f401cc", 0x423, 0x1000, 256),
    STM32F401CE("stm32f401ce", 0x433, 0x1000, 512);

    private final String id;
    private final int devId;
    private final int revId;
    private final int flashKib;

    ChipVariant(String id, int devId, int revId, int flashKib) {
        this.id = id;
        this.devId = devId;
        this.revId = revId;
        this.flashKib = flashKib;
    }

    /** Lower-case part name, as used on the command line and in stats.json. */
    public String id() {
        return id;
    }

    /** DBGMCU_IDCODE.DEV_ID. */
    public int devId() {
        return devId;
    }

    /** DBGMCU_IDCODE.REV_ID. */
    public int revId() {
        return revId;
    }

    /** Main flash size in KiB (the F_SIZE register). */
    public int flashKib() {
        return flashKib;
    }

    public int flashBytes() {
        return flashKib * 1024;
    }

    /**
     * DBGMCU_IDCODE as read at 0xE0042000. Bits 15:12 read 0x6 on silicon: OpenOCD logs "device id = 0x10006431"
     * (stm32f411-target.md §1, LOGS); hosts use only bits 11:0 as DEV_ID, but a faithful log needs the nibble.
     */
    public int dbgmcuIdcode() {
        return (revId << 16) | 0x6000 | devId;
    }

    /** Parses a part name such as "stm32f411ce" (case-insensitive). */
    public static ChipVariant fromId(String id) {
        for (ChipVariant v : values()) {
            if (v.id.equalsIgnoreCase(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown chip '" + id + "'; expected one of stm32f411ce, stm32f401cc, stm32f401ce");
    }
}
