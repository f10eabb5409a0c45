package io.flashstation.station.sim;

import io.flashstation.firmware.digest.Sha256;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.station.image.CircuitPyLayout;
import io.flashstation.station.image.CircuitPyPolicy;
import io.flashstation.station.image.StationImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * The image a simulated station flashes when nothing is pinned: laid out like CircuitPython for the BlackPill
 * (vector table in sector 0, a zero-filled filesystem hole in sectors 1–3, firmware from 0x08010000), with
 * deterministic dense bytes, as the test image in the CircuitPython layout has. It does not run; it exercises every sector as the real image would.
 */
public final class DemoImage {

    /** The version recorded for boards flashed with it. */
    public static final String VERSION = "demo-circuitpython-layout";

    static final int SIZE = 424 * 1024;
    private static final int FLASH_BASE = 0x0800_0000;
    private static final int FIRMWARE_OFFSET = 0x1_0000;
    private static final int RESET_HANDLER = FIRMWARE_OFFSET + 0x100;
    private static final short WFI = (short) 0xBF30;
    /** B to the WFI two half-words back (offset -6 from PC+4). */
    private static final short BRANCH_BACK_TO_WFI = (short) 0xE7FD;

    private DemoImage() {
    }

    /** The bytes, for 0x08000000. */
    public static byte[] bytes() {
        byte[] image = new byte[SIZE];
        Random random = new Random(0x0B1AC_C9111L);
        fillCodeLike(image, 0, 0x4000, random);
        fillCodeLike(image, FIRMWARE_OFFSET, SIZE, random);
        // initial SP at the top of the F411's 128 KiB SRAM, reset handler in the firmware with the Thumb bit; the
        // handler sleeps (WFI; B back to it), so a board left running costs the simulated core nothing
        ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(0, 0x2002_0000).putInt(4, FLASH_BASE + RESET_HANDLER + 1);
        buffer.putShort(RESET_HANDLER, WFI).putShort(RESET_HANDLER + 2, BRANCH_BACK_TO_WFI);
        return image;
    }

    /** The demo image under {@code policy}. */
    public static StationImage stationImage(CircuitPyPolicy policy) {
        byte[] bytes = bytes();
        return new StationImage(CircuitPyLayout.apply(policy, FlashImage.of(FLASH_BASE, bytes)), VERSION,
                Sha256.of(bytes).hex(), "no firmware pinned: flashing the simulator's demo image in the CircuitPython "
                + "layout (" + SIZE + " bytes)", policy == CircuitPyPolicy.PRESERVE);
    }

    // dense like compiled code: an erased (all-ones) word is as rare as in random bytes
    private static void fillCodeLike(byte[] image, int from, int to, Random random) {
        byte[] chunk = new byte[to - from];
        random.nextBytes(chunk);
        System.arraycopy(chunk, 0, image, from, chunk.length);
    }
}
