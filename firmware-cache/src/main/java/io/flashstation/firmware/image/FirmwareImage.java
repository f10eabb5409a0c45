package io.flashstation.firmware.image;

import io.flashstation.firmware.digest.Sha256;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * A firmware image as the flash code sees it, whatever file it came from: address-ordered, non-overlapping
 * segments, plus the digest of the file they were read from (the identity recorded with every flash result).
 */
public final class FirmwareImage {

    /** The value of an erased 32-bit flash word; such words need no programming after an erase. */
    public static final int ERASED_WORD = 0xFFFF_FFFF;

    private final ImageFormat format;
    private final Sha256 sourceSha256;
    private final List<Segment> segments;

    /** Sorts the segments by address; overlapping segments are a programming error of the reader that made them. */
    public FirmwareImage(ImageFormat format, Sha256 sourceSha256, List<Segment> segments) {
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("an image needs at least one segment");
        }
        List<Segment> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingLong(Segment::address));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).address() < sorted.get(i - 1).end()) {
                throw new IllegalArgumentException(sorted.get(i) + " overlaps " + sorted.get(i - 1));
            }
        }
        this.format = format;
        this.sourceSha256 = sourceSha256;
        this.segments = List.copyOf(sorted);
    }

    public ImageFormat format() {
        return format;
    }

    /** The sha256 of the file the image was read from (the value a pin names), not of the segment bytes. */
    public Sha256 sourceSha256() {
        return sourceSha256;
    }

    /** The segments in ascending address order. */
    public List<Segment> segments() {
        return segments;
    }

    /** The number of bytes the image writes (holes between segments not counted). */
    public long totalSize() {
        return segments.stream().mapToLong(Segment::length).sum();
    }

    /** The lowest address written. */
    public long startAddress() {
        return segments.get(0).address();
    }

    /** One past the highest address written. */
    public long endAddress() {
        return segments.get(segments.size() - 1).end();
    }

    /** The byte the image writes at {@code address}, or -1 when the image leaves that address alone. */
    public int byteAt(long address) {
        Segment segment = segmentContaining(address);
        return segment == null ? -1 : segment.byteAt(address) & 0xFF;
    }

    /**
     * The little-endian 32-bit word the image writes at {@code address}, if it writes all four bytes; the vector
     * table check needs the real value, not a guess.
     */
    public OptionalLong fullWordAt(long address) {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            int b = byteAt(address + i);
            if (b < 0) {
                return OptionalLong.empty();
            }
            value |= (long) b << (8 * i);
        }
        return OptionalLong.of(value);
    }

    /**
     * The little-endian word at a word-aligned address as flash holds it after erase and programming: bytes the
     * image does not write stay erased (0xFF).
     */
    public int flashWordAt(long wordAddress) {
        if ((wordAddress & 3) != 0) {
            throw new IllegalArgumentException(Hex.address(wordAddress) + " is not word aligned");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int b = byteAt(wordAddress + i);
            value |= (b < 0 ? 0xFF : b) << (8 * i);
        }
        return value;
    }

    /**
     * The word-aligned ranges whose words are not {@link #ERASED_WORD}, in address order: after an erase, only
     * these need programming. Words the image only partly covers count with 0xFF in their uncovered bytes.
     */
    public List<AddressRange> programmedWordRanges() {
        List<AddressRange> ranges = new ArrayList<>();
        long runStart = -1;
        long runEnd = -1;
        long nextUnvisitedWord = 0;
        for (Segment segment : segments) {
            // A word shared with the previous segment has already been looked at.
            long word = Math.max(segment.address() & ~3L, nextUnvisitedWord);
            long stop = (segment.end() + 3) & ~3L;
            for (; word < stop; word += 4) {
                if (flashWordAt(word) == ERASED_WORD) {
                    continue;
                }
                if (word != runEnd) {
                    if (runStart >= 0) {
                        ranges.add(new AddressRange(runStart, runEnd));
                    }
                    runStart = word;
                }
                runEnd = word + 4;
            }
            nextUnvisitedWord = Math.max(nextUnvisitedWord, stop);
        }
        if (runStart >= 0) {
            ranges.add(new AddressRange(runStart, runEnd));
        }
        return ranges;
    }

    private Segment segmentContaining(long address) {
        int low = 0;
        int high = segments.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            Segment candidate = segments.get(mid);
            if (address < candidate.address()) {
                high = mid - 1;
            } else if (address >= candidate.end()) {
                low = mid + 1;
            } else {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return format + " image " + sourceSha256.shortForm() + " (" + segments.size() + " segments, "
                + totalSize() + " bytes, " + Hex.range(startAddress(), endAddress()) + ")";
    }
}
