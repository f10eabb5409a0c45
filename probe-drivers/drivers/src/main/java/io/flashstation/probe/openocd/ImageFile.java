package io.flashstation.probe.openocd;

import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.target.ImageSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The image written to a temporary file for OpenOCD to read, deleted on {@link #close()}. A single segment is written
 * as a raw binary loaded at its address; several segments as Intel HEX, which carries their addresses and leaves the
 * gaps untouched (a binary would have to fill them, and programming the fill would wear sectors the image skips).
 */
final class ImageFile implements AutoCloseable {

    /** How OpenOCD's {@code flash write_image} and {@code verify_image} are told to read the file. */
    enum Format {
        BIN, IHEX
    }

    private final Path path;
    private final Format format;
    private final int baseAddress;

    private ImageFile(Path path, Format format, int baseAddress) {
        this.path = path;
        this.format = format;
        this.baseAddress = baseAddress;
    }

    /** Writes {@code image} to a new file in {@code directory}. */
    static ImageFile write(FlashImage image, Path directory) throws IOException {
        boolean single = image.segments().size() == 1;
        Format format = single ? Format.BIN : Format.IHEX;
        Path file = Files.createTempFile(directory, "flash-station-", single ? ".bin" : ".hex");
        try {
            if (single) {
                Files.write(file, image.segments().get(0).bytes());
            } else {
                Files.writeString(file, IntelHex.encode(image.segments()));
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        ImageSegment first = image.segments().get(0);
        return new ImageFile(file, format, single ? first.address() : 0);
    }

    Path path() {
        return path;
    }

    /**
     * The arguments {@code flash write_image} and {@code verify_image} take after their options: the file (braced,
     * so that a space in the temporary directory stays one Tcl word), the offset and the type. A binary's offset is
     * its load address; Intel HEX records carry absolute addresses, so its offset is 0.
     */
    String tclArguments() {
        return String.format("{%s} 0x%08X %s", path, baseAddress, format.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the image handed to OpenOCD: " + path, e);
        }
    }
}
