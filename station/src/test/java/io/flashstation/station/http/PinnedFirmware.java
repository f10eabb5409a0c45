package io.flashstation.station.http;

import io.flashstation.firmware.FirmwareCache;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.fetch.DownloadSettings;
import io.flashstation.firmware.fetch.ImageDownloader;
import io.flashstation.firmware.image.ImageFormat;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.pin.PinFile;
import io.flashstation.firmware.pin.PinSet;
import io.flashstation.firmware.store.ContentStore;
import io.flashstation.station.sim.DemoImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A state directory with pins as an operator leaves it after {@code firmware pin} and {@code firmware import}: two
 * pins whose images are in the cache (the first active) and one whose image was never fetched.
 */
final class PinnedFirmware {

    static final String FIRST = "line-a";
    static final String SECOND = "line-b";
    static final String NOT_FETCHED = "line-c";
    static final String FIRST_VERSION = "9.2.1";
    static final String SECOND_VERSION = "9.2.2";

    private PinnedFirmware() {
    }

    /** Writes the pin file and imports the two images into {@code stateDir}. */
    static void prepare(Path stateDir) throws IOException, FirmwareException {
        Files.createDirectories(stateDir);
        byte[] first = DemoImage.bytes();
        byte[] second = first.clone();
        second[second.length - 1] ^= 0x5A; // a different build: another digest, the same layout
        FirmwarePin a = pin(FIRST, FIRST_VERSION, Sha256.of(first));
        FirmwarePin b = pin(SECOND, SECOND_VERSION, Sha256.of(second));
        FirmwarePin c = pin(NOT_FETCHED, "9.3.0", Sha256.of(new byte[] {1, 2, 3}));
        PinFile.write(stateDir.resolve("firmware.json"), new PinSet(List.of(a, b, c), FIRST));
        FirmwareCache cache = new FirmwareCache(new ContentStore(stateDir.resolve("firmware-cache")),
                new ImageDownloader(DownloadSettings.defaults()));
        cache.importFile(a, write(stateDir.resolve("a.bin"), first), false);
        cache.importFile(b, write(stateDir.resolve("b.bin"), second), false);
    }

    private static FirmwarePin pin(String name, String version, Sha256 digest) {
        return new FirmwarePin(name, "stm32f411ce_blackpill", version, "en_US", ImageFormat.BIN, null, digest,
                0x0800_0000L);
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }
}
