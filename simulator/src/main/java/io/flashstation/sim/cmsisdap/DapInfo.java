package io.flashstation.sim.cmsisdap;

import java.nio.charset.StandardCharsets;

/**
 * The answers to DAP_Info (cmsis-dap.md §3.1): a Len byte then the value. Strings are UTF-8 with their NUL
 * counted in Len; capabilities are two bytes (SWD and atomic commands); IDs the probe has nothing for, among them
 * the SWO buffer, timer and UART sizes of features it lacks, answer Len 0.
 */
final class DapInfo {

    private DapInfo() {
    }

    static void answer(int id, ProbeIdentity identity, DapResponse out) {
        switch (id) {
            case DapProtocol.INFO_VENDOR -> string(identity.manufacturer(), out);
            case DapProtocol.INFO_PRODUCT -> string(identity.product(), out);
            case DapProtocol.INFO_SERIAL -> string(identity.serial(), out);
            case DapProtocol.INFO_PROTOCOL_VERSION -> string(identity.protocolVersion(), out);
            case DapProtocol.INFO_TARGET_DEVICE_VENDOR -> string(identity.targetDeviceVendor(), out);
            case DapProtocol.INFO_TARGET_DEVICE_NAME -> string(identity.targetDeviceName(), out);
            case DapProtocol.INFO_FIRMWARE_VERSION -> string(identity.firmwareVersion(), out);
            case DapProtocol.INFO_CAPABILITIES -> out.u8(2).u8(DapProtocol.CAPABILITIES_SWD_ATOMIC).u8(0);
            case DapProtocol.INFO_PACKET_COUNT -> out.u8(1).u8(identity.packetCount());
            case DapProtocol.INFO_PACKET_SIZE -> out.u8(2).u16(identity.packetSize());
            default -> out.u8(0);
        }
    }

    private static void string(String value, DapResponse out) {
        if (value == null) {
            out.u8(0);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.u8(utf8.length + 1).bytes(utf8).u8(0);
    }
}
