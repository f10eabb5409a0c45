package io.flashstation.station.image;

import io.flashstation.firmware.FirmwareCache;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.fetch.DownloadSettings;
import io.flashstation.firmware.fetch.ImageDownloader;
import io.flashstation.firmware.image.FirmwareImage;
import io.flashstation.firmware.image.TargetMemory;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.pin.PinFile;
import io.flashstation.firmware.pin.PinSet;
import io.flashstation.firmware.store.ContentStore;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.target.ImageSegment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Loads the image a station flashes from its pin file and verified firmware cache, offline. */
public final class PinnedImage {

    private PinnedImage() {
    }

    /** The firmware cache's image model as the flash session takes it. */
    public static FlashImage toFlashImage(FirmwareImage image) {
        return FlashImage.ofSegments(image.segments().stream()
                .map(segment -> new ImageSegment((int) segment.address(), segment.data())).toList());
    }

    /**
     * The image of pin {@code pinName} (the active pin when empty) in {@code stateDir}, checked against its digest
     * and the BlackPill's memory, under {@code policy}; empty when nothing is pinned at all.
     */
    public static Optional<StationImage> load(Path stateDir, Optional<String> pinName, CircuitPyPolicy policy)
            throws FirmwareException, IOException {
        PinSet pins = PinFile.read(stateDir.resolve("firmware.json"));
        if (pins.pins().isEmpty()) {
            return Optional.empty();
        }
        FirmwarePin pin = pinName.isPresent()
                ? pins.find(pinName.get()).orElseThrow(() -> new FirmwareException("station.firmware.pin names '"
                        + pinName.get() + "', which is not pinned in " + stateDir.resolve("firmware.json")))
                : pins.active().orElseThrow(() -> new FirmwareException("no pin is active in "
                        + stateDir.resolve("firmware.json") + "; set station.firmware.pin or activate one"));
        FirmwareCache cache = new FirmwareCache(new ContentStore(stateDir.resolve("firmware-cache")),
                new ImageDownloader(DownloadSettings.defaults()));
        FirmwareImage image = cache.load(pin, TargetMemory.STM32F411XE);
        FlashImage flash;
        try {
            flash = CircuitPyLayout.apply(policy, toFlashImage(image));
        } catch (IllegalArgumentException e) {
            throw new FirmwareException("pin '" + pin.name() + "': " + e.getMessage());
        }
        return Optional.of(new StationImage(flash, pin.version(), image.sourceSha256().hex(),
                "pin '" + pin.name() + "' (CircuitPython " + pin.version() + ", sha256 "
                        + image.sourceSha256().shortForm() + ")", policy == CircuitPyPolicy.PRESERVE));
    }
}
