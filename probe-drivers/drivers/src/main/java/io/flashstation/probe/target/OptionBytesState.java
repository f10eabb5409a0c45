package io.flashstation.probe.target;

/**
 * The protection settings FLASH_OPTCR shows (loaded from the option bytes at reset): RDP byte and nWRP bits
 * (stm32f411-target.md §6.4, §7).
 *
 * @param optcr the register value read
 */
public record OptionBytesState(int optcr) {

    /** The RDP byte of an unprotected chip. */
    public static final int RDP_LEVEL_0 = 0xAA;
    static final int RDP_LEVEL_2 = 0xCC;
    private static final int SPRMOD = 1 << 31;

    public int rdpByte() {
        return (optcr >>> 8) & 0xFF;
    }

    /** 0xAA → 0, 0xCC → 2, any other byte → 1 (§7.2). */
    public int rdpLevel() {
        return switch (rdpByte()) {
            case RDP_LEVEL_0 -> 0;
            case RDP_LEVEL_2 -> 2;
            default -> 1;
        };
    }

    /** nWRP[11:0]: a cleared bit protects its sector when SPRMOD = 0. */
    public int nwrp() {
        return (optcr >>> 16) & 0xFFF;
    }

    /**
     * True when sector {@code index} refuses program and erase: nWRPi = 0 with SPRMOD = 0, or nWRPi = 1 with
     * SPRMOD = 1 (a PCROP sector is write-protected too, §7.3).
     */
    public boolean writeProtected(int index) {
        boolean bit = ((nwrp() >>> index) & 1) != 0;
        boolean pcrop = (optcr & SPRMOD) != 0;
        return pcrop == bit;
    }
}
