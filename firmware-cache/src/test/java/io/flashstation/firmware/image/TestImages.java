package io.flashstation.firmware.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Images for tests: the shared CircuitPython-layout file and small bootable images made on the spot. */
public final class TestImages {

    /** sha256 of circuitpython-layout-424k.bin as published with the image. */
    public static final String LAYOUT_SHA256 = "77cf3561945aa194a4462770e0dda4ef9472bbdf6fbf3653c4011cc5277d5df5";

    private TestImages() {
    }

    /** The 434,176-byte CircuitPython-layout image (shared/images/README.md). */
    public static byte[] circuitPythonLayout() {
        try (InputStream in = TestImages.class.getResourceAsStream("/circuitpython-layout-424k.bin")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A raw image of {@code length} bytes for 0x08000000 that boots: SP at the top of SRAM, reset handler at
     * 0x08000101 (Thumb), then seeded pseudo-random "code".
     */
    public static byte[] bootable(int length, long seed) {
        byte[] image = new byte[length];
        new Random(seed).nextBytes(image);
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x2002_0000).putInt(4, 0x0800_0101);
        return image;
    }
}
