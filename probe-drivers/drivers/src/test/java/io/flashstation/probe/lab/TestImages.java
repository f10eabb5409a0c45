package io.flashstation.probe.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/** Deterministic firmware-like images for lab tests. */
public final class TestImages {

    private TestImages() {
    }

    /**
     * {@code length} pseudo-random bytes from {@code seed}, with every 16th word left erased (0xFFFFFFFF) so that
     * word skipping is exercised.
     */
    public static byte[] codeLike(int length, long seed) {
        byte[] image = new byte[length];
        new Random(seed).nextBytes(image);
        for (int word = 0; word * 4 < length; word += 16) {
            for (int i = word * 4; i < Math.min(length, word * 4 + 4); i++) {
                image[i] = (byte) 0xFF;
            }
        }
        return image;
    }

    /**
     * Gives {@code image} a vector table a core can reset into: initial SP at the top of the F411's SRAM and a
     * Thumb reset handler just past the table that idles in a branch to itself, so the virtual core, which executes
     * what it finds, keeps running after the reset that ends a session.
     */
    public static byte[] withVectorTable(byte[] image) {
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x2002_0000).putInt(4, 0x0800_0101)
                .putShort(RESET_HANDLER_OFFSET, IDLE_LOOP);
        return image;
    }

    /** Where {@link #withVectorTable} puts the reset handler: just past the F411's 101-entry table. */
    public static final int RESET_HANDLER_OFFSET = 0x100;
    /** B . (Thumb T2 encoding): the smallest program that runs forever. */
    private static final short IDLE_LOOP = (short) 0xE7FE;

    /** The CircuitPython-layout test image (images/README.md): 434,176 bytes for 0x08000000. */
    public static byte[] circuitPythonLayout() {
        try (InputStream in = TestImages.class.getResourceAsStream("/circuitpython-layout-424k.bin")) {
            if (in == null) {
                throw new IllegalStateException("circuitpython-layout-424k.bin is missing from the test resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
