package io.flashstation.sim.jlink;

import java.util.Arrays;

/**
 * The probe's 256-byte configuration area read by READ_CONFIG and replaced by WRITE_CONFIG (jlink.md §2.5).
 * It starts erased (all 0xFF), which hosts read as USB address 0 and target power off, matching PID 0x0101.
 */
final class DeviceConfig {

    static final int SIZE = 256;

    private final byte[] bytes = new byte[SIZE];

    DeviceConfig() {
        Arrays.fill(bytes, (byte) 0xFF);
    }

    byte[] read() {
        return bytes.clone();
    }

    /** Stores the 256 bytes that follow the opcode of a WRITE_CONFIG request. */
    void write(byte[] request) {
        System.arraycopy(request, 1, bytes, 0, SIZE);
    }
}
