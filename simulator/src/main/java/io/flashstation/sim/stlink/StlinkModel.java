package io.flashstation.sim.stlink;

import io.flashstation.sim.usb.LinkTiming;
import io.flashstation.usb.UsbSpeed;

/**
 * The ST-Link hardware and firmware the lab offers (stlink.md §§1–2): USB identity, endpoints, firmware
 * versions and the features those versions unlock (stlink.md §2.2).
 */
public enum StlinkModel {
    /** ST-LINK/V2 dongle, firmware V2J37S7 (the version in stlink.md's [LOG]). */
    V2(0x3748, 2, 37, 7, 0, 0, 0x02, 0x83, "STM32 STLink", UsbSpeed.FULL, LinkTiming.BULK_FULL_SPEED),
    /** ST-LINK/V2-1 on a Nucleo, firmware V2J37M26 (M outside the STM8-only ranges of stlink.md §2.1). */
    V2_1(0x374B, 2, 37, 0, 26, 0, 0x01, 0x82, "STM32 STLink", UsbSpeed.FULL, LinkTiming.BULK_FULL_SPEED),
    /** STLINK-V3SET, firmware V3J7M2B4S1 (stlink.md §2.1 worked example). */
    V3(0x374F, 3, 7, 1, 2, 4, 0x01, 0x82, "STLINK-V3", UsbSpeed.HIGH, LinkTiming.BULK_HIGH_SPEED),
    /**
     * A V2 clone dongle: V2J29S7 firmware, which predates the AP/CSW-aware memory commands, and the old
     * firmware's raw 12-byte binary serial (stlink.md §1).
     */
    V2_CLONE(0x3748, 2, 29, 7, 0, 0, 0x02, 0x83, "STM32 STLink", UsbSpeed.FULL, LinkTiming.BULK_FULL_SPEED);

    /** ST's USB vendor ID. */
    public static final int VENDOR_ID = 0x0483;

    private final int productId;
    private final int hardwareVersion;
    private final int jtagVersion;
    private final int swimVersion;
    private final int massStorageVersion;
    private final int bridgeVersion;
    private final int outEndpoint;
    private final int traceEndpoint;
    private final String product;
    private final UsbSpeed speed;
    private final LinkTiming linkTiming;

    StlinkModel(int productId, int hardwareVersion, int jtagVersion, int swimVersion, int massStorageVersion,
            int bridgeVersion, int outEndpoint, int traceEndpoint, String product, UsbSpeed speed,
            LinkTiming linkTiming) {
        this.productId = productId;
        this.hardwareVersion = hardwareVersion;
        this.jtagVersion = jtagVersion;
        this.swimVersion = swimVersion;
        this.massStorageVersion = massStorageVersion;
        this.bridgeVersion = bridgeVersion;
        this.outEndpoint = outEndpoint;
        this.traceEndpoint = traceEndpoint;
        this.product = product;
        this.speed = speed;
        this.linkTiming = linkTiming;
    }

    public int productId() {
        return productId;
    }

    /** The V of "VxJy…". */
    public int hardwareVersion() {
        return hardwareVersion;
    }

    /** The J of "VxJy…": the debug firmware version every feature gate is keyed on. */
    public int jtagVersion() {
        return jtagVersion;
    }

    int swimVersion() {
        return swimVersion;
    }

    int massStorageVersion() {
        return massStorageVersion;
    }

    int bridgeVersion() {
        return bridgeVersion;
    }

    /** Command/data OUT endpoint: 0x02 on V1/V2, 0x01 on V2-1 and V3. */
    public int outEndpoint() {
        return outEndpoint;
    }

    /** Replies come back on IN endpoint 0x81 on every model. */
    public int inEndpoint() {
        return 0x81;
    }

    public int traceEndpoint() {
        return traceEndpoint;
    }

    public String product() {
        return product;
    }

    public UsbSpeed speed() {
        return speed;
    }

    public LinkTiming linkTiming() {
        return linkTiming;
    }

    boolean isV3() {
        return hardwareVersion == 3;
    }

    /** V2-1 replaces the SWIM version by the mass-storage version in GET_VERSION (stlink.md §2.1). */
    boolean reportsMassStorageVersion() {
        return productId == 0x374B || productId == 0x3752;
    }

    boolean hasTargetVoltage() {
        return isV3() || jtagVersion >= 13;
    }

    boolean hasRwStatus2() {
        return isV3() || jtagVersion >= 15;
    }

    boolean hasSwdSetFreq() {
        return !isV3() && jtagVersion >= 22;
    }

    boolean hasJtagSetFreq() {
        return !isV3() && jtagVersion >= 24;
    }

    boolean hasDapRegisters() {
        return isV3() || jtagVersion >= 24;
    }

    boolean hasMem16Bit() {
        return isV3() || jtagVersion >= 26;
    }

    boolean hasApInit() {
        return isV3() || jtagVersion >= 28;
    }

    /** AP number and CSW honoured in memory commands, RW_MISC, no-increment reads (stlink.md §2.2). */
    boolean hasCsw() {
        return isV3() ? jtagVersion >= 2 : jtagVersion >= 32;
    }

    /** Largest 8-bit transfer (stlink.md §5.2). */
    int max8BitBytes() {
        return isV3() && jtagVersion >= 6 ? 512 : 64;
    }

    /** Largest 16/32-bit transfer (stlink.md §5.2). */
    int max16Or32BitBytes() {
        return 6144;
    }
}
