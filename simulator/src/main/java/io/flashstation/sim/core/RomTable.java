package io.flashstation.sim.core;

/**
 * The Cortex-M4 ROM table at 0xE00FF000 (stm32f411-target.md §11): entries for SCS, DWT, FPB, ITM, TPIU and ETM,
 * an end marker, MEMTYPE, and ST's IDs with the device's DEV_ID as part number.
 */
final class RomTable implements PpbComponent {

    private static final int[] ENTRIES = {
        0xFFF0_F003, // SCS  at 0xE000E000
        0xFFF0_2003, // DWT  at 0xE0001000
        0xFFF0_3003, // FPB  at 0xE0002000
        0xFFF0_1003, // ITM  at 0xE0000000
        0xFFF4_1003, // TPIU at 0xE0040000
        0xFFF4_2003, // ETM  at 0xE0041000
    };
    private static final int MEMTYPE = 0xFCC;
    private static final int MEMTYPE_SYSTEM_MEMORY = 1;

    private final CoreSightId id;

    /** @param devId the chip's DBGMCU DEV_ID, which ST uses as the ROM table's part number */
    RomTable(int devId) {
        this.id = new CoreSightId(devId, CoreSightId.ST, 0, CoreSightId.CLASS_ROM_TABLE);
    }

    @Override
    public int read(int offset) {
        if (offset < 4 * ENTRIES.length) {
            return ENTRIES[offset / 4];
        }
        if (offset == MEMTYPE) {
            return MEMTYPE_SYSTEM_MEMORY;
        }
        return CoreSightId.covers(offset) ? id.read(offset) : 0; // the entry after the last is the end marker 0
    }

    @Override
    public void write(int offset, int value) {
        // read-only
    }
}
