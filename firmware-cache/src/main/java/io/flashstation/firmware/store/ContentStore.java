package io.flashstation.firmware.store;

import io.flashstation.firmware.digest.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A content-addressed store of firmware files: each file is named by its sha256 and re-hashed whenever it is read,
 * so a file that rotted on disk is moved aside and reported instead of being flashed. Files enter only complete
 * and verified, by fsync and atomic rename, so readers need no lock; writers of one key serialise on
 * {@link #lock(String)}, across processes.
 *
 * <pre>
 * root/sha256/&lt;digest&gt;      verified files
 * root/work/&lt;key&gt;.partial    downloads in progress (kept to resume)
 * root/locks/&lt;key&gt;.lock     per-key lock files
 * root/quarantine/          corrupt entries moved aside, for inspection
 * </pre>
 */
public final class ContentStore {

    private final Path root;
    private final Path entries;
    private final Path work;
    private final Path locks;
    private final Path quarantine;

    /** Opens (creating if needed) the store at {@code root}. */
    public ContentStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.entries = Files.createDirectories(this.root.resolve("sha256"));
        this.work = Files.createDirectories(this.root.resolve("work"));
        this.locks = Files.createDirectories(this.root.resolve("locks"));
        this.quarantine = Files.createDirectories(this.root.resolve("quarantine"));
    }

    public Path root() {
        return root;
    }

    /** Where the entry for {@code digest} lives (whether or not it exists yet). */
    public Path entryPath(Sha256 digest) {
        return entries.resolve(digest.hex());
    }

    /** Whether an entry exists; says nothing about its integrity (use {@link #read}). */
    public boolean contains(Sha256 digest) {
        return Files.isRegularFile(entryPath(digest));
    }

    /** The digests of all entries, sorted. */
    public List<Sha256> list() throws IOException {
        try (Stream<Path> files = Files.list(entries)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.matches("[0-9a-f]{64}"))
                    .sorted()
                    .map(Sha256::new)
                    .toList();
        }
    }

    /**
     * The verified bytes of an entry, or empty when there is none. An entry whose bytes do not hash to its name is
     * moved to the quarantine and reported: its bytes are never returned.
     */
    public Optional<byte[]> read(Sha256 digest) throws IOException, CorruptEntryException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(entryPath(digest));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        Sha256 actual = Sha256.of(bytes);
        if (actual.equals(digest)) {
            return Optional.of(bytes);
        }
        throw new CorruptEntryException(digest, actual, quarantine(digest));
    }

    /** Takes the exclusive lock for {@code key} (a digest, or another stable name); close it to release. */
    public StoreLock lock(String key) throws IOException {
        return StoreLock.acquire(locks.resolve(requireKey(key) + ".lock"));
    }

    /** Takes the lock for {@code key} only if no other thread or process holds it. */
    public Optional<StoreLock> tryLock(String key) throws IOException {
        return StoreLock.tryAcquire(locks.resolve(requireKey(key) + ".lock"));
    }

    /** The file a download for {@code key} is written to; it survives an interruption so that it can resume. */
    public Path partialFile(String key) {
        return work.resolve(requireKey(key) + ".partial");
    }

    /**
     * Makes a completely written file an entry: syncs it, hashes it, refuses it unless it has the expected digest
     * (when one is given) and renames it into place. The file is gone afterwards either way.
     *
     * @param what names the file's origin in the mismatch message (a URL, an imported path)
     * @return the file's digest
     */
    public Sha256 commit(Path complete, Optional<Sha256> expected, String what)
            throws IOException, DigestMismatchException {
        try {
            AtomicFiles.fsync(complete);
            Sha256 actual = Sha256.of(complete);
            if (expected.isPresent() && !expected.get().equals(actual)) {
                throw new DigestMismatchException(what, expected.get(), actual);
            }
            try (StoreLock ignored = lock(actual.hex())) {
                AtomicFiles.moveIntoPlace(complete, entryPath(actual));
            }
            return actual;
        } finally {
            Files.deleteIfExists(complete);
        }
    }

    /** Copies a local file into the store (offline import), verifying it against {@code expected} if given. */
    public Sha256 importFile(Path source, Optional<Sha256> expected) throws IOException, DigestMismatchException {
        Path copy = Files.createTempFile(work, "import-", ".tmp");
        try {
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        return commit(copy, expected, source.toString());
    }

    /** Writes the verified bytes of an entry to {@code target} (atomically), for carrying to another station. */
    public void export(Sha256 digest, Path target) throws IOException, CorruptEntryException {
        byte[] bytes = read(digest).orElseThrow(() -> new NoSuchFileException(entryPath(digest).toString(), null,
                "no cache entry " + digest));
        AtomicFiles.write(target, bytes);
    }

    private Path quarantine(Sha256 digest) throws IOException {
        try (StoreLock ignored = lock(digest.hex())) {
            Path entry = entryPath(digest);
            // Another process may have replaced the entry with a good copy since we read it.
            if (!Files.exists(entry) || Sha256.of(entry).equals(digest)) {
                return entry;
            }
            Path aside = quarantine.resolve(digest.hex() + "." + UUID.randomUUID());
            Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.fsyncDirectory(entries);
            return aside;
        }
    }

    private static String requireKey(String key) {
        if (!key.matches("[0-9A-Za-z_.-]+") || key.startsWith(".")) {
            throw new IllegalArgumentException("not a store key: '" + key + "'");
        }
        return key;
    }
}
