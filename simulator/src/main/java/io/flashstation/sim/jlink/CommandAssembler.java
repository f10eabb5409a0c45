package io.flashstation.sim.jlink;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Cuts the host's OUT byte stream into commands. libjaylink sends commands in ≤ 2048-byte transfers and never
 * marks their ends with a short packet (jlink.md §1.3), so boundaries are found by parsing alone.
 */
final class CommandAssembler {

    private final IntConsumer unknownOpcode;
    private byte[] buffer = new byte[256];
    private int length;

    /** {@code unknownOpcode} hears every opcode the firmware cannot frame; the bytes buffered with it are dropped. */
    CommandAssembler(IntConsumer unknownOpcode) {
        this.unknownOpcode = unknownOpcode;
    }

    void append(byte[] data) {
        if (length + data.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + data.length));
        }
        System.arraycopy(data, 0, buffer, length, data.length);
        length += data.length;
    }

    /** The next complete command, or null when the buffered bytes do not yet hold one. */
    CommandFrame next() {
        if (length == 0) {
            return null;
        }
        int code = buffer[0] & 0xFF;
        JLinkOpcode opcode = JLinkOpcode.of(code).orElse(null);
        if (opcode == null) {
            // How long an unknown request is cannot be known (jlink.md §2.12, §9), so nothing after it can be
            // trusted to start on a command boundary.
            length = 0;
            unknownOpcode.accept(code);
            return null;
        }
        int frameLength = opcode.frameLength(buffer, length);
        if (frameLength < 0 || length < frameLength) {
            return null;
        }
        byte[] frame = Arrays.copyOf(buffer, frameLength);
        System.arraycopy(buffer, frameLength, buffer, 0, length - frameLength);
        length -= frameLength;
        return new CommandFrame(opcode, frame);
    }
}
