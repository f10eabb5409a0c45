package io.flashstation.station.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Deterministic images for bench tests: code-like bytes behind a vector table a Cortex-M can reset into. */
final class BenchImages {

    private BenchImages() {
    }

    /** {@code length} pseudo-random bytes from {@code seed}; SP at the top of F411 SRAM, a Thumb reset vector. */
    static byte[] bootable(int length, long seed) {
        byte[] image = new byte[length];
        new Random(seed).nextBytes(image);
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x2002_0000).putInt(4, 0x0800_0101);
        return image;
    }
}
