package io.flashstation.sim.target;

import java.util.Arrays;

/**
 * The 16 option bytes at 0x1FFFC000 and what they mean (stm32f411-target.md §7.1, layout UNCONFIRMED there):
 * byte 0 = user byte (BOR_LEV 3:2, WDG_SW 5, nRST_STOP 6, nRST_STDBY 7), byte 1 = RDP, bytes 8–9 = nWRP[11:0]
 * with SPRMOD in bit 15. F4 option bytes have no complements; the other bytes are reserved and kept as found.
 * Immutable: a commit produces a new value.
 */
final class OptionBytes {

    static final int SIZE = 16;
    static final int RDP_LEVEL_0 = 0xAA;
    static final int RDP_LEVEL_2 = 0xCC;

    /** The user-byte bits that exist (§6.4); bits 1:0 are OPTLOCK/OPTSTRT in OPTCR and bit 4 is reserved. */
    private static final int USER_BITS = 0xEC;
    /** OPTCR bits backed by option bytes: SPRMOD, nWRP[11:0], RDP, user bits. */
    private static final int OPTCR_FIELDS = 0x8FFF_FFEC;
    /** nWRP[11:8] have no sectors behind them on a single-bank part and read as ones (§6.4). */
    private static final int UNBACKED_NWRP = 0x0F00_0000;
    private static final int SPRMOD = 1 << 31;

    private final byte[] bytes;

    private OptionBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Factory state: user byte 0xEC, RDP 0xAA (level 0), no sector protected, SPRMOD 0 — OPTCR 0x0FFFAAED (§6). */
    static OptionBytes factoryDefault() {
        byte[] image = new byte[SIZE];
        Arrays.fill(image, (byte) 0xFF);
        // reserved bits inside the user byte and the nWRP half-word read as 0, so the half-words are 0xAAEC / 0x0FFF
        image[0] = 0;
        image[9] = 0;
        return new OptionBytes(image).withOptcr(0x0FFF_AAEC);
    }

    static OptionBytes of(byte[] image) {
        if (image.length != SIZE) {
            throw new IllegalArgumentException("option bytes are " + SIZE + " bytes, got " + image.length);
        }
        return new OptionBytes(image.clone());
    }

    /** The RDP level an RDP byte selects (§7.2): 0xAA → 0, 0xCC → 2, anything else → 1. */
    static int levelOf(int rdpByte) {
        return switch (rdpByte & 0xFF) {
            case RDP_LEVEL_0 -> 0;
            case RDP_LEVEL_2 -> 2;
            default -> 1;
        };
    }

    byte[] toBytes() {
        return bytes.clone();
    }

    int byteAt(int offset) {
        return bytes[offset] & 0xFF;
    }

    int rdpByte() {
        return bytes[1] & 0xFF;
    }

    int rdpLevel() {
        return levelOf(rdpByte());
    }

    private int nwrp() {
        return (bytes[8] & 0xFF) | (bytes[9] & 0x0F) << 8;
    }

    private boolean sprmod() {
        return (bytes[9] & 0x80) != 0;
    }

    /**
     * §7.3: with SPRMOD=0 a cleared nWRPi protects sector i; with SPRMOD=1 a set bit marks a PCROP sector, which is
     * write-protected as well.
     */
    boolean writeProtected(int sector) {
        boolean bit = (nwrp() >>> sector & 1) != 0;
        return sprmod() == bit;
    }

    /** §7.3: a PCROP sector (SPRMOD=1, nWRPi=1) is execute-only; data reads of it are refused. */
    boolean readProtected(int sector) {
        return sprmod() && (nwrp() >>> sector & 1) != 0;
    }

    /** FLASH_OPTCR as loaded from these bytes at reset, OPTLOCK and OPTSTRT clear (§6.4). */
    int toOptcr() {
        return (bytes[0] & USER_BITS) | rdpByte() << 8 | nwrp() << 16 | UNBACKED_NWRP | (sprmod() ? SPRMOD : 0);
    }

    /** Keeps only the OPTCR bits that option bytes store, as the register reads them back. */
    static int normalizeOptcr(int optcr) {
        return (optcr & OPTCR_FIELDS) | UNBACKED_NWRP;
    }

    /** The option bytes an OPTSTRT with this OPTCR image programs; reserved bits keep their values. */
    OptionBytes withOptcr(int optcr) {
        byte[] image = bytes.clone();
        image[0] = (byte) ((image[0] & ~USER_BITS) | (optcr & USER_BITS));
        image[1] = (byte) (optcr >>> 8);
        image[8] = (byte) (optcr >>> 16);
        image[9] = (byte) ((image[9] & 0x70) | 0x0F | ((optcr & SPRMOD) != 0 ? 0x80 : 0));
        return new OptionBytes(image);
    }

    OptionBytes withRdp(int rdpByte) {
        return withOptcr((toOptcr() & ~0xFF00) | (rdpByte & 0xFF) << 8);
    }
}
