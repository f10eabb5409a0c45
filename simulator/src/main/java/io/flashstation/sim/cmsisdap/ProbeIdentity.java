package io.flashstation.sim.cmsisdap;

import io.flashstation.usb.UsbSpeed;
import java.util.Objects;

/**
 * Who a virtual CMSIS-DAP probe says it is: its USB identity, the strings DAP_Info returns, its buffers and the
 * fastest SWD clock it can drive (TIMING.md §3). Strings left null answer DAP_Info with Len 0 (cmsis-dap.md §3.1).
 *
 * @param interfaceName   the iInterface string of the CMSIS-DAP interface (hosts look for "CMSIS-DAP" in it)
 * @param protocolVersion the CMSIS-DAP protocol version of DAP_Info 0x04
 * @param firmwareVersion the product firmware version of DAP_Info 0x09
 * @param packetSize      DAP_PACKET_SIZE
 * @param packetCount     DAP_PACKET_COUNT, the requests the probe buffers
 */
public record ProbeIdentity(
        int vendorId,
        int productId,
        int deviceVersionBcd,
        String manufacturer,
        String product,
        String serial,
        String interfaceName,
        String protocolVersion,
        String firmwareVersion,
        String targetDeviceVendor,
        String targetDeviceName,
        UsbSpeed speed,
        int packetSize,
        int packetCount,
        long maxSwdClockHz) {

    public ProbeIdentity {
        Objects.requireNonNull(speed, "speed");
        if (packetSize < 64 || packetSize > 32768) {
            throw new IllegalArgumentException("DAP packet size must be 64..32768: " + packetSize);
        }
        if (packetCount < 1 || packetCount > 255) {
            throw new IllegalArgumentException("DAP packet count must be 1..255: " + packetCount);
        }
    }

    /**
     * An Arm DAPLink interface chip as CMSIS-DAP v1 (HID) at full speed, 0d28:0204 (cmsis-dap.md §12.1);
     * {@code unit} makes the serial, 48 hex digits as DAPLink prints them.
     */
    public static ProbeIdentity daplinkV1(int unit) {
        return new ProbeIdentity(0x0D28, 0x0204, 0x1000, "ARM", "DAPLink CMSIS-DAP",
                String.format("0240000034544e4500%030x", unit), "CMSIS-DAP v1", "1.3.0", "0257",
                null, null, UsbSpeed.FULL, 64, 4, 4_000_000);
    }

    /**
     * A Seeeduino XIAO (SAMD21) running a DAPLink sketch as CMSIS-DAP v2 (bulk) at full speed, 2886:802f
     * (cmsis-dap.md §12.1); the serial is 32 hex digits of the chip's unique ID.
     */
    public static ProbeIdentity xiaoDaplinkV2(int unit) {
        return new ProbeIdentity(0x2886, 0x802F, 0x0100, "Seeed Studio", "XIAO CMSIS-DAP",
                String.format("C8F3B2A3515435502020203%09X", unit), "CMSIS-DAP v2", "2.1.0", "1.0.0",
                null, null, UsbSpeed.FULL, 64, 2, 4_000_000);
    }

    /** A MuseLab nanoDAP-HS as CMSIS-DAP v2 (bulk) at high speed, 512-byte packets (cmsis-dap.md §12.1). */
    public static ProbeIdentity nanoDapHs(int unit) {
        return new ProbeIdentity(0x0D28, 0x0204, 0x0100, "MuseLab", "nanoDAP-HS CMSIS-DAP",
                String.format("4E414E4F444150%010X", unit), "CMSIS-DAP v2", "2.1.0", "2.3.0",
                null, null, UsbSpeed.HIGH, 512, 4, 10_000_000);
    }
}
