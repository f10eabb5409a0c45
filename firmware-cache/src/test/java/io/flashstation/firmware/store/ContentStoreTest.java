package io.flashstation.firmware.store;

import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.image.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The content-addressed store (issue 5: digest-named, atomic, re-verified on read, safe for concurrent use). */
class ContentStoreTest {

    private static final byte[] IMAGE = TestImages.circuitPythonLayout();
    private static final Sha256 DIGEST = Sha256.parse(TestImages.LAYOUT_SHA256);

    @TempDir
    Path dir;

    private Path sourceFile(byte[] bytes) throws Exception {
        return Files.write(dir.resolve("source-" + Sha256.of(bytes).shortForm() + ".bin"), bytes);
    }

    @Test
    void importedFilesAreStoredUnderTheirDigest() throws Exception {
        ContentStore store = new ContentStore(dir.resolve("cache"));

        Sha256 stored = store.importFile(sourceFile(IMAGE), Optional.of(DIGEST));

        assertThat(stored).isEqualTo(DIGEST);
        assertThat(store.entryPath(DIGEST)).hasFileName(TestImages.LAYOUT_SHA256);
        assertThat(store.read(DIGEST)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(IMAGE));
        assertThat(store.list()).containsExactly(DIGEST);
        // Nothing is left behind in the work area.
        assertThat(dir.resolve("cache/work")).isEmptyDirectory();
    }

    @Test
    void aFileWithAnotherDigestIsRefusedAndNeverStored() throws Exception {
        ContentStore store = new ContentStore(dir.resolve("cache"));
        byte[] tampered = IMAGE.clone();
        tampered[0x10000] ^= 1;
        Path source = sourceFile(tampered);

        assertThatThrownBy(() -> store.importFile(source, Optional.of(DIGEST)))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessage(source + " has sha256 " + Sha256.of(tampered) + " but the pin requires " + DIGEST
                        + ": wrong or tampered image, refused");
        assertThat(store.list()).isEmpty();
        assertThat(dir.resolve("cache/work")).isEmptyDirectory();
    }

    @Test
    void aCorruptedEntryIsQuarantinedAndItsBytesNeverReturned() throws Exception {
        ContentStore store = new ContentStore(dir.resolve("cache"));
        store.importFile(sourceFile(IMAGE), Optional.of(DIGEST));
        byte[] rotted = IMAGE.clone();
        rotted[1234] ^= 0x40;
        Files.write(store.entryPath(DIGEST), rotted);

        assertThatThrownBy(() -> store.read(DIGEST))
                .isInstanceOf(CorruptEntryException.class)
                .hasMessageContaining("cache entry " + DIGEST + " is corrupt (its bytes hash to " + Sha256.of(rotted))
                .hasMessageContaining("quarantine");
        assertThat(store.contains(DIGEST)).isFalse();
        assertThat(store.read(DIGEST)).isEmpty();
        try (var quarantined = Files.list(dir.resolve("cache/quarantine"))) {
            assertThat(quarantined.toList()).singleElement()
                    .satisfies(path -> assertThat(Files.readAllBytes(path)).isEqualTo(rotted));
        }
    }

    @Test
    void exportWritesTheVerifiedBytes() throws Exception {
        ContentStore store = new ContentStore(dir.resolve("cache"));
        store.importFile(sourceFile(IMAGE), Optional.of(DIGEST));

        store.export(DIGEST, dir.resolve("usb-stick/firmware.bin"));

        assertThat(dir.resolve("usb-stick/firmware.bin")).hasBinaryContent(IMAGE);
    }

    @Test
    @Timeout(30)
    void readersNeverSeeAPartEntryWhileWritersCommit() throws Exception {
        ContentStore store = new ContentStore(dir.resolve("cache"));
        Path source = sourceFile(IMAGE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> readers = List.of(pool.submit(() -> readUntilPresent(store, start)),
                    pool.submit(() -> readUntilPresent(store, start)));
            List<Future<Sha256>> writers = List.of(
                    pool.submit(() -> {
                        start.await();
                        return store.importFile(source, Optional.of(DIGEST));
                    }),
                    pool.submit(() -> {
                        start.await();
                        return store.importFile(source, Optional.empty());
                    }));
            start.countDown();

            for (Future<Sha256> writer : writers) {
                assertThat(writer.get()).isEqualTo(DIGEST);
            }
            for (Future<Integer> reader : readers) {
                assertThat(reader.get()).isEqualTo(IMAGE.length);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads until the entry appears; a torn entry would throw CorruptEntryException. */
    private static int readUntilPresent(ContentStore store, CountDownLatch start) throws Exception {
        start.await();
        while (true) {
            Optional<byte[]> bytes = store.read(DIGEST);
            if (bytes.isPresent()) {
                return bytes.get().length;
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void theLockIsExclusiveAcrossThreadsAndStoresAndReentrantForItsHolder() throws Exception {
        ContentStore first = new ContentStore(dir.resolve("cache"));
        ContentStore second = new ContentStore(dir.resolve("cache"));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            try (StoreLock held = first.lock(DIGEST.hex())) {
                assertThat(other.submit(() -> tryAndRelease(second)).get()).isFalse();
                try (StoreLock again = first.lock(DIGEST.hex())) {
                    assertThat(other.submit(() -> tryAndRelease(second)).get()).isFalse();
                }
                // Leaving the inner hold keeps the outer one.
                assertThat(other.submit(() -> tryAndRelease(second)).get()).isFalse();
            }
            assertThat(other.submit(() -> tryAndRelease(second)).get()).isTrue();
        } finally {
            other.shutdownNow();
        }
    }

    private static boolean tryAndRelease(ContentStore store) throws Exception {
        Optional<StoreLock> lock = store.tryLock(DIGEST.hex());
        if (lock.isPresent()) {
            lock.get().close();
        }
        return lock.isPresent();
    }

    @Test
    void keysThatCouldEscapeTheStoreAreRefused() throws Exception {
        ContentStore store = new ContentStore(dir.resolve("cache"));

        assertThatThrownBy(() -> store.partialFile("../x")).hasMessage("not a store key: '../x'");
    }
}
