package io.flashstation.station.image;

import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.target.AddressRange;
import io.flashstation.probe.target.ImageSegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Applies a {@link CircuitPyPolicy} to an image laid out as CircuitPython for the STM32F411 BlackPill. */
public final class CircuitPyLayout {

    /** The internal CIRCUITPY filesystem: sectors 1–3 (circuitpython-blackpill.md §4). */
    public static final AddressRange FILESYSTEM = new AddressRange(0x0800_4000, 0xC000);

    private CircuitPyLayout() {
    }

    /**
     * The image to flash under {@code policy}. For ERASE and PRESERVE the filesystem range is cut out of the
     * image, which must hold nothing but zeros there (what objcopy leaves in the hole); anything else means the
     * image is not laid out as CircuitPython and is refused rather than cut.
     */
    public static FlashImage apply(CircuitPyPolicy policy, FlashImage image) {
        if (policy == CircuitPyPolicy.WRITE) {
            return image;
        }
        List<ImageSegment> kept = new ArrayList<>();
        for (ImageSegment segment : image.segments()) {
            kept.addAll(cutFilesystem(segment));
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("the image lies entirely in the CIRCUITPY filesystem range "
                    + FILESYSTEM + ": nothing would be written");
        }
        FlashImage cut = FlashImage.ofSegments(kept);
        return policy == CircuitPyPolicy.ERASE ? cut.withErasedRanges(List.of(FILESYSTEM)) : cut;
    }

    private static List<ImageSegment> cutFilesystem(ImageSegment segment) {
        if (!FILESYSTEM.overlaps(segment.address(), segment.length())) {
            return List.of(segment);
        }
        byte[] bytes = segment.bytes();
        long start = Integer.toUnsignedLong(segment.address());
        int holeFrom = (int) Math.max(0, Integer.toUnsignedLong(FILESYSTEM.address()) - start);
        int holeTo = (int) Math.min(bytes.length, FILESYSTEM.end() - start);
        for (int i = holeFrom; i < holeTo; i++) {
            if (bytes[i] != 0) {
                throw new IllegalArgumentException(String.format("the image holds data at 0x%08X, inside the "
                        + "CIRCUITPY filesystem range %s: it is not laid out as CircuitPython for this board, so "
                        + "station.policy.circuitpy must be 'write'", start + i, FILESYSTEM));
            }
        }
        List<ImageSegment> pieces = new ArrayList<>();
        if (holeFrom > 0) {
            pieces.add(new ImageSegment(segment.address(), Arrays.copyOfRange(bytes, 0, holeFrom)));
        }
        if (holeTo < bytes.length) {
            pieces.add(new ImageSegment((int) (start + holeTo), Arrays.copyOfRange(bytes, holeTo,
                    bytes.length)));
        }
        return pieces;
    }
}
