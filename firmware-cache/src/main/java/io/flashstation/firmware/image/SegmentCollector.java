package io.flashstation.firmware.image;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gathers the data pieces of a record-based file (HEX records, UF2 blocks), refuses any piece that overlaps an
 * earlier one, naming both, and joins touching pieces into segments.
 */
final class SegmentCollector {

    private record Piece(long address, byte[] data, String origin) {
        long end() {
            return address + data.length;
        }
    }

    private final TreeMap<Long, Piece> pieces = new TreeMap<>();

    /** Adds a piece; {@code origin} says where it came from in the file, for the overlap message. */
    void add(long address, byte[] data, String origin) throws ImageFormatException {
        if (data.length == 0) {
            return;
        }
        Piece piece = new Piece(address, data, origin);
        if (piece.end() > 0x1_0000_0000L) {
            throw new ImageFormatException(origin + ": data at " + Hex.address(address)
                    + " runs past the end of the 32-bit address space");
        }
        Map.Entry<Long, Piece> below = pieces.floorEntry(address);
        if (below != null && below.getValue().end() > address) {
            throw overlap(piece, below.getValue());
        }
        Map.Entry<Long, Piece> above = pieces.ceilingEntry(address);
        if (above != null && above.getKey() < piece.end()) {
            throw overlap(piece, above.getValue());
        }
        pieces.put(address, piece);
    }

    boolean isEmpty() {
        return pieces.isEmpty();
    }

    /** The pieces joined into maximal contiguous segments, in address order. */
    List<Segment> segments() {
        List<Segment> segments = new ArrayList<>();
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        long runStart = -1;
        long runEnd = -1;
        for (Piece piece : pieces.values()) {
            if (piece.address() != runEnd) {
                if (runStart >= 0) {
                    segments.add(new Segment(runStart, run.toByteArray()));
                }
                run.reset();
                runStart = piece.address();
            }
            run.writeBytes(piece.data());
            runEnd = piece.end();
        }
        if (runStart >= 0) {
            segments.add(new Segment(runStart, run.toByteArray()));
        }
        return segments;
    }

    private static ImageFormatException overlap(Piece added, Piece existing) {
        return new ImageFormatException(added.origin() + ": data at " + Hex.range(added.address(), added.end())
                + " overlaps data at " + Hex.range(existing.address(), existing.end()) + " from " + existing.origin());
    }
}
