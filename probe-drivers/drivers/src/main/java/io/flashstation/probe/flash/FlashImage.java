package io.flashstation.probe.flash;

import io.flashstation.probe.target.AddressRange;
import io.flashstation.probe.target.ImageSegment;
import java.util.Comparator;
import java.util.List;

/**
 * What to write: segments of bytes at addresses, sorted and non-overlapping. Kept minimal so that any image model
 * (a .bin at a base address, Intel HEX or UF2 records) can be turned into one.
 */
public final class FlashImage {

    private final List<ImageSegment> segments;
    private final List<AddressRange> eraseOnly;

    private FlashImage(List<ImageSegment> segments, List<AddressRange> eraseOnly) {
        this.segments = segments;
        this.eraseOnly = eraseOnly;
    }

    /** A raw binary written from {@code baseAddress}. */
    public static FlashImage of(int baseAddress, byte[] bytes) {
        return ofSegments(List.of(new ImageSegment(baseAddress, bytes)));
    }

    /** An image made of several segments, in any order; they must not overlap and none may be empty. */
    public static FlashImage ofSegments(List<ImageSegment> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("an image needs at least one segment");
        }
        List<ImageSegment> sorted = segments.stream()
                .sorted(Comparator.comparingLong(s -> Integer.toUnsignedLong(s.address()))).toList();
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).length() == 0) {
                throw new IllegalArgumentException("empty segment " + sorted.get(i));
            }
            if (i > 0 && sorted.get(i - 1).end() > Integer.toUnsignedLong(sorted.get(i).address())) {
                throw new IllegalArgumentException(sorted.get(i - 1) + " overlaps " + sorted.get(i));
            }
        }
        return new FlashImage(sorted, List.of());
    }

    /**
     * This image with {@code ranges} erased but not written (CircuitPython's filesystem sectors, left for the
     * firmware to format): their sectors are erased with the rest, nothing is programmed or verified there.
     */
    public FlashImage withErasedRanges(List<AddressRange> ranges) {
        for (AddressRange range : ranges) {
            for (ImageSegment segment : segments) {
                if (range.overlaps(segment.address(), segment.length())) {
                    throw new IllegalArgumentException(range + " is to be erased only but overlaps " + segment);
                }
            }
        }
        return new FlashImage(segments, List.copyOf(ranges));
    }

    /** Ranges erased but not written. */
    public List<AddressRange> eraseOnly() {
        return eraseOnly;
    }

    public List<ImageSegment> segments() {
        return segments;
    }

    /** Bytes of content in all segments. */
    public long size() {
        return segments.stream().mapToLong(ImageSegment::length).sum();
    }
}
