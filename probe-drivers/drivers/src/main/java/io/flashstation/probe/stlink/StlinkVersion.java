package io.flashstation.probe.stlink;

import io.flashstation.probe.ProbeFirmwareException;

/**
 * An ST-Link's firmware version as GET_VERSION (and, on V3, GET_VERSION_EX) reports it (stlink.md §2.1), and the
 * gate this driver puts on it (stlink.md §2.2).
 *
 * <p>Minimum: V2J32 on V2/V2-1, V3J2 on V3 (OpenOCD's HAS_DPBANKSEL/HAS_CSW level). The driver mixes the
 * firmware's DAP register commands (0x45/0x46, V2J24+) with its memory commands in one session, and only from
 * that level on do memory commands carry the AP number and CSW, so a CSW that a {@code DapBatch} left in the AP
 * cannot change what a later firmware memory transfer does. It is also the only level at which OpenOCD itself
 * mixes the two (dapdirect builds firmware memory operations only with HAS_CSW, stlink.md §5.3). Everything else
 * the driver sends is gated lower: 0xF7 J13, GETLASTRWSTATUS2 J15, SWD_SET_FREQ J22, INIT_AP J28.
 *
 * @param hardware V: 2 or 3
 * @param jtag     J: the debug firmware version every feature is keyed on (0 = no SWD firmware)
 * @param others   the other components as printed after J: "S7" (SWIM) on V2, "M26" (mass storage) on V2-1,
 *                 "M2B4S1" (mass storage, bridge, SWIM) on V3
 */
record StlinkVersion(int hardware, int jtag, String others) {

    static final int MIN_V2_JTAG = 32;
    static final int MIN_V3_JTAG = 2;

    /** STM8-only V2-1 probes report these X/Y pairs (stlink.md §2.1): they have no SWD firmware. */
    private static boolean isStm8OnlyV21(int x, int y) {
        return (x <= 22 && y == 7) || (x >= 25 && y >= 7 && y <= 12);
    }

    /** Parses the 6-byte GET_VERSION reply; bytes 0–1 are big-endian, unlike everything else. */
    static StlinkVersion fromGetVersion(byte[] reply, boolean v21) {
        int word = ((reply[0] & 0xFF) << 8) | (reply[1] & 0xFF);
        int v = word >>> 12;
        int x = (word >>> 6) & 0x3F;
        int y = word & 0x3F;
        if (v21 && isStm8OnlyV21(x, y)) {
            return new StlinkVersion(v, 0, "M" + x + "S" + y);
        }
        return new StlinkVersion(v, x, (v21 ? "M" : "S") + y);
    }

    /** V3 reports 0 in GET_VERSION's J field and gives the real versions in GET_VERSION_EX (12 bytes). */
    static StlinkVersion fromGetVersionEx(byte[] reply) {
        return new StlinkVersion(reply[0] & 0xFF, reply[2] & 0xFF,
                "M" + (reply[3] & 0xFF) + "B" + (reply[4] & 0xFF) + "S" + (reply[1] & 0xFF));
    }

    boolean needsVersionEx() {
        return hardware == 3 && jtag == 0;
    }

    boolean isV3() {
        return hardware == 3;
    }

    /** INIT_AP must precede AP use from V2J28 and on every V3 (stlink.md §2.2 HAS_AP_INIT). */
    boolean needsApInit() {
        return isV3() || jtag >= 28;
    }

    /** Largest 8-bit memory transfer (stlink.md §5.2). */
    int max8BitBytes() {
        return isV3() && jtag >= 6 ? 512 : 64;
    }

    /** Refuses firmware below the minimum, naming what was found and what is needed. */
    void requireSupported() throws ProbeFirmwareException {
        if (hardware != 2 && hardware != 3) {
            throw new ProbeFirmwareException("ST-Link hardware version " + hardware + " (" + this
                    + ") is not supported: this driver drives ST-LINK/V2, V2-1 and STLINK-V3");
        }
        if (jtag == 0) {
            throw new ProbeFirmwareException("ST-Link " + this + " has no SWD debug firmware (J0, STM8-only probe)");
        }
        int minimum = isV3() ? MIN_V3_JTAG : MIN_V2_JTAG;
        if (jtag < minimum) {
            throw new ProbeFirmwareException("ST-Link firmware " + this + " is too old: this driver needs V"
                    + hardware + "J" + minimum + " or later (memory commands that carry the AP and CSW); "
                    + "update it with ST's ST-LINK firmware upgrade tool");
        }
    }

    /** As OpenOCD and ST's tools print it, e.g. "V2J37S7", "V2J37M26", "V3J7M2B4S1". */
    @Override
    public String toString() {
        return "V" + hardware + "J" + jtag + others;
    }
}
