package io.flashstation.sim.core;

/**
 * The peripheral and component ID registers (PIDR0–7 at 0xFD0–0xFEC, CIDR0–3 at 0xFF0–0xFFC) every CoreSight
 * component and ROM table carries in the last words of its 4 KiB block (stm32f411-target.md §11).
 *
 * @param part           12-bit part number
 * @param designer       JEP106 designer as continuation count (bits 11:8) and identity code (bits 6:0)
 * @param revision       4-bit revision (PIDR2[7:4])
 * @param componentClass CIDR1[7:4]: 1 ROM table, 9 CoreSight component, 14 generic IP
 */
public record CoreSightId(int part, int designer, int revision, int componentClass) {

    /** ARM Ltd: JEP106 continuation 4, code 0x3B. */
    public static final int ARM = 0x43B;
    /** STMicroelectronics: JEP106 code 0x20, no continuation. */
    public static final int ST = 0x020;
    public static final int CLASS_ROM_TABLE = 0x1;
    public static final int CLASS_CORESIGHT = 0x9;
    public static final int CLASS_GENERIC_IP = 0xE;

    static final int FIRST = 0xFD0;

    /** True for the offsets this record answers. */
    static boolean covers(int offset) {
        return offset >= FIRST && offset <= 0xFFC;
    }

    /** The register at {@code offset} (0xFD0–0xFFC within the component). */
    int read(int offset) {
        int identity = designer & 0x7F;
        return switch (offset) {
            case 0xFD0 -> (designer >> 8) & 0xF; // PIDR4: continuation code, one 4 KiB block
            case 0xFE0 -> part & 0xFF;
            case 0xFE4 -> ((part >> 8) & 0xF) | ((identity & 0xF) << 4);
            case 0xFE8 -> (identity >> 4) | 0x8 | ((revision & 0xF) << 4); // 0x8: JEDEC-assigned designer
            case 0xFF0 -> 0x0D;
            case 0xFF4 -> (componentClass << 4);
            case 0xFF8 -> 0x05;
            case 0xFFC -> 0xB1;
            default -> 0; // PIDR5–7 and PIDR3 (customer modified / revision AND) are zero
        };
    }
}
