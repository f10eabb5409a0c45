package io.flashstation.sim.jlink;

import java.nio.charset.StandardCharsets;

/**
 * What distinguishes one J-Link model from another to a host: its firmware's answers and its USB identity.
 * The two factories carry the values seen in real traces (jlink.md §6.3, §7).
 *
 * @param firmware          the VERSION string, {@code <product> compiled <Mmm dd yyyy> <hh:mm:ss>}
 * @param serial            the iSerialNumber string (12 decimal digits, §1.4)
 * @param hardwareVersion   GET_HW_VERSION's decimal-coded word, e.g. 10000 = J-Link V1.00 (§2.4)
 * @param tracedCaps        the GET_CAPS word the real firmware reported; only implemented bits are advertised
 * @param speedBaseHz       GET_SPEEDS base frequency
 * @param speedMinDivider   GET_SPEEDS minimum divider; SWCLK = base / n for n ≥ this
 * @param interfaces        SELECT_TIF "available" mask
 * @param initialInterface  the interface selected at power-up
 * @param freeMemory        GET_FREE_MEMORY; an SWD I/O needing more fails with status 0x06 (§2.12, §3.6)
 * @param inEndpoint        bulk IN endpoint address
 * @param outEndpoint       bulk OUT endpoint address
 */
public record JLinkProfile(
        String firmware,
        String serial,
        int hardwareVersion,
        int tracedCaps,
        long speedBaseHz,
        int speedMinDivider,
        int interfaces,
        TargetInterface initialInterface,
        int freeMemory,
        int inEndpoint,
        int outEndpoint) {

    /** VERSION's length field as real probes send it: the string, its NUL and zero padding (§2.2). */
    public static final int VERSION_LENGTH = 112;

    public JLinkProfile {
        if (firmware.getBytes(StandardCharsets.US_ASCII).length >= VERSION_LENGTH) {
            throw new IllegalArgumentException("firmware string does not fit VERSION's 112 bytes: " + firmware);
        }
        if (speedMinDivider < 1) {
            throw new IllegalArgumentException("the minimum divider must be at least 1 (libjaylink rejects 0)");
        }
        if ((inEndpoint & 0x80) == 0 || (outEndpoint & 0x80) != 0) {
            throw new IllegalArgumentException("endpoint directions swapped");
        }
    }

    /**
     * SEGGER's own on-board firmware, as on a Renesas S124 kit (BMD#1154 trace, §7 "OB-S124-like"): SWD only,
     * 1 MHz top speed, hardware V1.00. Its endpoints follow the current-generation pair 0x81/0x01 (§1.2; the
     * OB's own pair is UNCONFIRMED); its free memory is not in any trace and is chosen large enough for
     * OpenOCD's full 2048-byte SWD buffer.
     */
    public static JLinkProfile genuineOb() {
        return new JLinkProfile(
                "J-Link OB-S124 compiled Jan 17 2022 10:30:42",
                "000831004110",
                10000,
                0xB8EA5A33,
                1_000_000, 1,
                TargetInterface.mask(TargetInterface.SWD),
                TargetInterface.JTAG,
                8192,
                0x81, 0x01);
    }

    /**
     * The classic STM32F103 "J-Link ARM-OB STM32" clone (BMD#780 trace, §7): JTAG and SWD, 48 MHz / 4, reported
     * hardware 7.00, the serial every such clone shares, and no GET_SPEEDS bit in its capabilities (so OpenOCD
     * assumes 12 MHz without asking). Endpoints follow the V8-era pair 0x81/0x02; free memory as for
     * {@link #genuineOb()} (both UNCONFIRMED, §9).
     */
    public static JLinkProfile armObStm32Clone() {
        return new JLinkProfile(
                "J-Link ARM-OB STM32 compiled Aug 22 2012 19:52:04",
                "000000123456",
                70000,
                0x88EA5833,
                48_000_000, 4,
                TargetInterface.mask(TargetInterface.JTAG, TargetInterface.SWD),
                TargetInterface.JTAG,
                8192,
                0x81, 0x02);
    }

    /** The same probe with another serial string (several probes on one bus must differ to be told apart). */
    public JLinkProfile withSerial(String newSerial) {
        return new JLinkProfile(firmware, newSerial, hardwareVersion, tracedCaps, speedBaseHz, speedMinDivider,
                interfaces, initialInterface, freeMemory, inEndpoint, outEndpoint);
    }

    /** The capability word the virtual probe reports. */
    public int advertisedCaps() {
        return Capabilities.advertised(tracedCaps);
    }

    /** True when the probe can select this interface. */
    public boolean offers(TargetInterface tif) {
        return (interfaces & 1 << tif.number()) != 0;
    }
}
