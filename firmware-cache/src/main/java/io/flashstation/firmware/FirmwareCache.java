package io.flashstation.firmware;

import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.fetch.DownloadProgress;
import io.flashstation.firmware.fetch.ImageDownloader;
import io.flashstation.firmware.image.FirmwareImage;
import io.flashstation.firmware.image.ImageCheck;
import io.flashstation.firmware.image.ImageReader;
import io.flashstation.firmware.image.TargetMemory;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.store.ContentStore;
import io.flashstation.firmware.store.CorruptEntryException;
import io.flashstation.firmware.store.StoreLock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The station's way to pinned firmware: fetch (or import) a pinned image into the verified store once, then load
 * it offline as a checked {@link FirmwareImage}. Only pins with a sha256 can be fetched or loaded; a pin without one
 * is resolved only by {@link #trustOnFirstUse}, which an operator runs, never the daemon.
 */
public final class FirmwareCache {

    private final ContentStore store;
    private final ImageDownloader downloader;

    public FirmwareCache(ContentStore store, ImageDownloader downloader) {
        this.store = store;
        this.downloader = downloader;
    }

    public ContentStore store() {
        return store;
    }

    /** The outcome of a fetch: the verified entry, and whether the network was used to get it. */
    public record Fetched(Sha256 sha256, Path entry, boolean downloaded) {
    }

    /**
     * Makes sure the store holds the pinned image, downloading it if absent or corrupt. Concurrent fetches of one
     * pin (threads or processes) download it once: the others wait for the lock and find it present.
     */
    public Fetched fetch(FirmwarePin pin, DownloadProgress progress) throws FirmwareException, IOException {
        Sha256 digest = requirePinned(pin);
        try (StoreLock ignored = store.lock(digest.hex())) {
            if (status(pin) == EntryStatus.VERIFIED) {
                return new Fetched(digest, store.entryPath(digest), false);
            }
            Path partial = store.partialFile(digest.hex());
            downloader.download(pin.url(), partial, progress);
            store.commit(partial, Optional.of(digest), pin.url().toString());
            return new Fetched(digest, store.entryPath(digest), true);
        }
    }

    /**
     * Operator step for a pin without a sha256: downloads the file, stores it under its own digest and returns that
     * digest for the operator to see and record in the pin. Never called by the daemon.
     */
    public Sha256 trustOnFirstUse(FirmwarePin pin, DownloadProgress progress) throws FirmwareException, IOException {
        String key = "tofu-" + Sha256.of(pin.url().toString().getBytes(StandardCharsets.UTF_8)).hex();
        try (StoreLock ignored = store.lock(key)) {
            Path partial = store.partialFile(key);
            downloader.download(pin.url(), partial, progress);
            Sha256 digest = store.commit(partial, Optional.empty(), pin.url().toString());
            // An error page served as 200 must not get trusted: the file has to read as the pin's format.
            readAndCheckFormat(pin, digest);
            return digest;
        }
    }

    /**
     * Offline import of a local file for this pin: refused unless it has the pinned digest, or, with
     * {@code trustOnFirstUse} on an unpinned pin, accepted under its own digest (which is returned).
     */
    public Sha256 importFile(FirmwarePin pin, Path file, boolean trustOnFirstUse) throws FirmwareException, IOException {
        if (pin.sha256() == null && !trustOnFirstUse) {
            throw new UnpinnedFirmwareException(pin);
        }
        // A file that is not even the pin's format is refused before it can enter the store.
        ImageReader.read(pin.format(), Files.readAllBytes(file), pin.baseAddress());
        return store.importFile(file, pin.pinnedSha256());
    }

    /** Copies the pinned, verified image to {@code target} (for carrying to an offline station). */
    public void export(FirmwarePin pin, Path target) throws FirmwareException, IOException {
        store.export(requirePinned(pin), target);
    }

    /** Re-verifies the stored file for a pin; a corrupt file is moved aside and reported as such. */
    public EntryStatus status(FirmwarePin pin) throws IOException {
        if (pin.sha256() == null) {
            return EntryStatus.UNPINNED;
        }
        try {
            return store.read(pin.sha256()).isPresent() ? EntryStatus.VERIFIED : EntryStatus.MISSING;
        } catch (CorruptEntryException e) {
            return EntryStatus.CORRUPT;
        }
    }

    /**
     * The pinned image, verified against its digest, read in its format and checked for {@code target}, without any
     * network access. This is what the flash code gets; nothing else it gets is ever flashed.
     */
    public FirmwareImage load(FirmwarePin pin, TargetMemory target) throws FirmwareException, IOException {
        FirmwareImage image = readAndCheckFormat(pin, requirePinned(pin));
        ImageCheck.requireFlashable(image, target);
        return image;
    }

    private FirmwareImage readAndCheckFormat(FirmwarePin pin, Sha256 digest) throws FirmwareException, IOException {
        byte[] bytes = store.read(digest).orElseThrow(() -> new FirmwareException("image " + digest + " for pin '"
                + pin.name() + "' is not in the cache at " + store.root() + "; run `flash-station firmware fetch` "
                + "or, offline, `flash-station firmware import FILE`"));
        return ImageReader.read(pin.format(), bytes, pin.baseAddress());
    }

    private static Sha256 requirePinned(FirmwarePin pin) throws UnpinnedFirmwareException {
        return pin.pinnedSha256().orElseThrow(() -> new UnpinnedFirmwareException(pin));
    }
}
