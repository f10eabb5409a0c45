package io.flashstation.firmware;

import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.fetch.DownloadProgress;
import io.flashstation.firmware.fetch.DownloadSettings;
import io.flashstation.firmware.fetch.ImageDownloader;
import io.flashstation.firmware.image.ImageFormat;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.store.ContentStore;

import java.net.URI;
import java.nio.file.Path;

/** A second station process for the cross-process test: fetches one pin into a shared store and says how it went. */
public final class FetchInAnotherProcess {

    private FetchInAnotherProcess() {
    }

    /** Arguments: store root, plain-HTTP URL of the image, its sha256. */
    public static void main(String[] args) throws Exception {
        FirmwareCache cache = new FirmwareCache(new ContentStore(Path.of(args[0])),
                new ImageDownloader(DownloadSettings.defaults().withAllowPlainHttp(true)));
        FirmwarePin pin = new FirmwarePin(null, "stm32f411ce_blackpill", "10.3.1", "en_US", ImageFormat.BIN,
                URI.create(args[1]), Sha256.parse(args[2]), 0x0800_0000L);
        System.out.println("fetching");
        System.out.flush();
        System.out.println("downloaded=" + cache.fetch(pin, DownloadProgress.NONE).downloaded());
    }
}
