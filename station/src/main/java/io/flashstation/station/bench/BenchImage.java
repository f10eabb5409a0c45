package io.flashstation.station.bench;

import io.flashstation.firmware.image.FirmwareImage;
import io.flashstation.firmware.image.ImageCheck;
import io.flashstation.firmware.image.ImageFormat;
import io.flashstation.firmware.image.ImageFormatException;
import io.flashstation.firmware.image.ImageProblem;
import io.flashstation.firmware.image.ImageReader;
import io.flashstation.firmware.image.TargetMemory;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.station.image.PinnedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the image a bench flashes: a raw .bin for the start of flash, or Intel HEX / UF2 by extension, through the
 * firmware cache's readers, refused when any of it lies outside the lab boards' flash (STM32F411xE).
 */
public final class BenchImage {

    private BenchImage() {
    }

    /** The image in {@code file} as the flash session takes it. */
    public static FlashImage read(Path file) throws BenchSetupException {
        byte[] bytes = readBytes(file);
        FirmwareImage image;
        try {
            image = ImageReader.read(formatOf(file), bytes, ImageReader.DEFAULT_BIN_BASE_ADDRESS);
        } catch (ImageFormatException e) {
            throw new BenchSetupException("cannot read image " + file + ": " + e.getMessage(), e);
        }
        // A bench image need not boot (the board is reset and left running either way), so only fit is checked.
        List<String> outside = ImageCheck.problems(image, TargetMemory.STM32F411XE).stream()
                .filter(problem -> problem.kind() == ImageProblem.Kind.OUTSIDE_FLASH)
                .map(ImageProblem::message).toList();
        if (!outside.isEmpty()) {
            throw new BenchSetupException("image " + file + " does not fit the lab boards: "
                    + String.join("; ", outside));
        }
        return PinnedImage.toFlashImage(image);
    }

    private static byte[] readBytes(Path file) throws BenchSetupException {
        if (!Files.isRegularFile(file)) {
            throw new BenchSetupException("image " + file + " does not exist or is not a file");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0) {
                throw new BenchSetupException("image " + file + " is empty");
            }
            return bytes;
        } catch (IOException e) {
            throw new BenchSetupException("cannot read image " + file + ": " + e, e);
        }
    }

    // Anything that is not .hex or .uf2 is taken as raw bytes, as objcopy -O binary writes them.
    private static ImageFormat formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return extension.equals("hex") || extension.equals("uf2") ? ImageFormat.parse(extension) : ImageFormat.BIN;
    }
}
