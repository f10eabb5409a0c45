package io.flashstation.station.firmware;

import io.flashstation.firmware.FirmwareCache;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.fetch.DownloadSettings;
import io.flashstation.firmware.fetch.ImageDownloader;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.pin.PinFile;
import io.flashstation.firmware.pin.PinSet;
import io.flashstation.station.config.StationPaths;
import io.flashstation.firmware.store.ContentStore;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Options every {@code firmware} subcommand shares: where pins and cache live, and whether output is JSON. */
public class FirmwareOptions {

    @Option(names = "--pin-file", paramLabel = "FILE",
            description = "Pin file (default: firmware.json in the station's state directory).")
    Path pinFile;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Firmware cache (default: firmware-cache in the station's state directory).")
    Path cacheDirectory;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    /** The pin file in effect. */
    public Path pinFile() {
        return pinFile != null ? pinFile : StationPaths.stateDirectory().resolve("firmware.json");
    }

    /** The cache directory in effect. */
    public Path cacheDirectory() {
        return cacheDirectory != null ? cacheDirectory : StationPaths.stateDirectory().resolve("firmware-cache");
    }

    public boolean json() {
        return json;
    }

    public PinSet readPins() throws FirmwareException {
        return PinFile.read(pinFile());
    }

    public void writePins(PinSet pins) throws FirmwareException {
        PinFile.write(pinFile(), pins);
    }

    /** Opens the cache; {@code allowPlainHttp} only when the operator asked for it. */
    public FirmwareCache openCache(boolean allowPlainHttp) throws IOException {
        return new FirmwareCache(new ContentStore(cacheDirectory()),
                new ImageDownloader(DownloadSettings.defaults().withAllowPlainHttp(allowPlainHttp)));
    }

    /** The named pin, or the active one when {@code name} is null. */
    public FirmwarePin select(PinSet pins, String name) throws FirmwareException {
        if (name == null) {
            return pins.active().orElseThrow(() -> new FirmwareException("no firmware is pinned in " + pinFile()
                    + "; pin one with `flash-station firmware pin --circuitpython VERSION ...`"));
        }
        return pins.find(name).orElseThrow(() -> new FirmwareException("no pin named '" + name + "' in "
                + pinFile() + " (pins: " + pins.pins().stream().map(FirmwarePin::name)
                .collect(Collectors.joining(", ")) + ")"));
    }
}
