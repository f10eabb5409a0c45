package io.flashstation.probe.target;

/**
 * What identification learned about a chip: its family, revision, flash size and unique ID.
 *
 * @param family   the part line from DEV_ID
 * @param revId    DBGMCU_IDCODE.REV_ID
 * @param flashKib main flash size from F_SIZE
 * @param uid      the 96-bit unique ID
 */
public record ChipIdentity(Stm32F4Family family, int revId, int flashKib, ChipUid uid) {

    /**
     * The part name with ST's flash-size letter, e.g. "STM32F411xE" (the package letter is not visible to a
     * debugger, hence the x).
     */
    public String partName() {
        return family.line() + "x" + flashSizeLetter(flashKib);
    }

    public int flashBytes() {
        return flashKib * 1024;
    }

    /** ST's flash-size code in part numbers: 8 = 64 KiB, B = 128, C = 256, D = 384, E = 512, G = 1024. */
    static String flashSizeLetter(int kib) {
        return switch (kib) {
            case 64 -> "8";
            case 128 -> "B";
            case 256 -> "C";
            case 384 -> "D";
            case 512 -> "E";
            case 1024 -> "G";
            default -> "?" + kib + "K";
        };
    }
}
