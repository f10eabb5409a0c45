package io.flashstation.sim.jlink;

import io.flashstation.sim.bytes.LittleEndian;
import java.util.Optional;

/**
 * The J-Link commands this virtual probe understands, with how long each request is (jlink.md §2.1). Requests
 * carry no length header and arrive cut at arbitrary transfer boundaries, so the opcode alone must say where
 * the next command begins (§1.3).
 */
enum JLinkOpcode {
    VERSION(0x01, 1),
    RESET_TRST(0x02, 1),
    RESET_TARGET(0x03, 1),
    SET_SPEED(0x05, 3),
    GET_HW_STATUS(0x07, 1),
    REGISTER(0x09, 14),
    GET_SPEEDS(0xC0, 1),
    SELECT_TIF(0xC7, 2),
    /** HW_JTAG3: JTAG I/O v3, which is also the SWD I/O command; its length depends on the bit count. */
    SWD_IO(0xCF, -1),
    GET_FREE_MEMORY(0xD4, 1),
    HW_RESET0(0xDC, 1),
    HW_RESET1(0xDD, 1),
    HW_TRST0(0xDE, 1),
    HW_TRST1(0xDF, 1),
    GET_CAPS(0xE8, 1),
    GET_EXT_CAPS(0xED, 1),
    GET_HW_VERSION(0xF0, 1),
    READ_CONFIG(0xF2, 1),
    WRITE_CONFIG(0xF3, 1 + DeviceConfig.SIZE);

    /** `CF 00 nLo nHi`: the part of an SWD I/O request that fixes its length (§3.1). */
    static final int SWD_IO_HEADER = 4;

    private final int code;
    private final int fixedLength;

    JLinkOpcode(int code, int fixedLength) {
        this.code = code;
        this.fixedLength = fixedLength;
    }

    static Optional<JLinkOpcode> of(int code) {
        for (JLinkOpcode opcode : values()) {
            if (opcode.code == code) {
                return Optional.of(opcode);
            }
        }
        return Optional.empty();
    }

    /**
     * The whole request's length in bytes given its first {@code available} bytes, or -1 while the bytes that
     * decide it have not all arrived.
     */
    int frameLength(byte[] buffered, int available) {
        if (fixedLength > 0) {
            return fixedLength;
        }
        if (available < SWD_IO_HEADER) {
            return -1;
        }
        return SWD_IO_HEADER + 2 * Bits.bytesFor(LittleEndian.u16(buffered, 2));
    }
}
