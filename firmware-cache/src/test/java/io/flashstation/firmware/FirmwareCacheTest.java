package io.flashstation.firmware;

import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.fetch.DownloadProgress;
import io.flashstation.firmware.fetch.DownloadSettings;
import io.flashstation.firmware.fetch.ImageDownloader;
import io.flashstation.firmware.fetch.LoopbackImageServer;
import io.flashstation.firmware.image.FirmwareImage;
import io.flashstation.firmware.image.ImageFormat;
import io.flashstation.firmware.image.ImageFormatException;
import io.flashstation.firmware.image.ImageProblem;
import io.flashstation.firmware.image.ImageRejectedException;
import io.flashstation.firmware.image.IntelHexWriter;
import io.flashstation.firmware.image.Segment;
import io.flashstation.firmware.image.TargetMemory;
import io.flashstation.firmware.image.TestImages;
import io.flashstation.firmware.image.Uf2Writer;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.store.ContentStore;
import io.flashstation.firmware.store.CorruptEntryException;
import io.flashstation.firmware.store.DigestMismatchException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache as the station uses it: pinned fetch, trust on first use, offline import/export, checked load. */
class FirmwareCacheTest {

    private static final byte[] IMAGE = TestImages.circuitPythonLayout();
    private static final Sha256 DIGEST = Sha256.parse(TestImages.LAYOUT_SHA256);
    private static final String PATH = "/bin/stm32f411ce_blackpill/en_US/cp.bin";

    @TempDir
    Path dir;

    private LoopbackImageServer server;
    private ContentStore store;
    private FirmwareCache cache;

    @BeforeEach
    void openCache() throws Exception {
        store = new ContentStore(dir.resolve("cache"));
        cache = new FirmwareCache(store, new ImageDownloader(DownloadSettings.defaults()
                .withSslContext(LoopbackImageServer.clientTrust())));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static FirmwarePin pin(URI url, ImageFormat format, Sha256 sha256) {
        return new FirmwarePin(null, "stm32f411ce_blackpill", "10.3.1", "en_US", format, url, sha256, 0x0800_0000L);
    }

    private FirmwarePin servedPin(LoopbackImageServer.Behaviour behaviour) throws Exception {
        server = LoopbackImageServer.https().on(PATH, behaviour);
        return pin(server.uri(PATH), ImageFormat.BIN, DIGEST);
    }

    @Test
    void aPinnedImageIsDownloadedOnceAndThenServedFromTheStore() throws Exception {
        FirmwarePin pin = servedPin(LoopbackImageServer.file(IMAGE));

        FirmwareCache.Fetched first = cache.fetch(pin, DownloadProgress.NONE);
        FirmwareCache.Fetched second = cache.fetch(pin, DownloadProgress.NONE);

        assertThat(first.downloaded()).isTrue();
        assertThat(second.downloaded()).isFalse();
        assertThat(first.entry()).hasBinaryContent(IMAGE);
        assertThat(server.requests()).hasSize(1);
        assertThat(cache.status(pin)).isEqualTo(EntryStatus.VERIFIED);
    }

    @Test
    void aDownloadWithTheWrongDigestIsRefusedNamingBoth() throws Exception {
        byte[] other = TestImages.bootable(IMAGE.length, 9);
        FirmwarePin pin = servedPin(LoopbackImageServer.file(other));

        assertThatThrownBy(() -> cache.fetch(pin, DownloadProgress.NONE))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessage(server.uri(PATH) + " has sha256 " + Sha256.of(other) + " but the pin requires " + DIGEST
                        + ": wrong or tampered image, refused");
        assertThat(store.list()).isEmpty();
        assertThat(store.partialFile(DIGEST.hex())).doesNotExist();
    }

    @Test
    void aCorruptedEntryIsNeverLoadedAndIsFetchedAgain() throws Exception {
        FirmwarePin pin = servedPin(LoopbackImageServer.file(IMAGE));
        cache.fetch(pin, DownloadProgress.NONE);
        byte[] rotted = IMAGE.clone();
        rotted[0x20000] ^= 0x01;
        Files.write(store.entryPath(DIGEST), rotted);

        assertThatThrownBy(() -> cache.load(pin, TargetMemory.STM32F411XE))
                .isInstanceOf(CorruptEntryException.class);
        FirmwareCache.Fetched again = cache.fetch(pin, DownloadProgress.NONE);

        assertThat(again.downloaded()).isTrue();
        assertThat(server.requests()).hasSize(2);
        assertThat(cache.load(pin, TargetMemory.STM32F411XE).segments())
                .containsExactly(new Segment(0x0800_0000L, IMAGE));
    }

    @Test
    void anUnpinnedImageIsNeverFetchedOrLoaded() throws Exception {
        FirmwarePin pin = servedPin(LoopbackImageServer.file(IMAGE));
        FirmwarePin unpinned = pin(pin.url(), ImageFormat.BIN, null);

        assertThatThrownBy(() -> cache.fetch(unpinned, DownloadProgress.NONE))
                .isInstanceOf(UnpinnedFirmwareException.class)
                .hasMessageContaining("has no sha256")
                .hasMessageContaining("--trust-on-first-use");
        assertThatThrownBy(() -> cache.load(unpinned, TargetMemory.STM32F411XE))
                .isInstanceOf(UnpinnedFirmwareException.class);
        assertThat(cache.status(unpinned)).isEqualTo(EntryStatus.UNPINNED);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void trustOnFirstUseReportsTheDigestOfWhatItDownloaded() throws Exception {
        FirmwarePin pin = servedPin(LoopbackImageServer.file(IMAGE));

        Sha256 trusted = cache.trustOnFirstUse(pin(pin.url(), ImageFormat.BIN, null), DownloadProgress.NONE);

        assertThat(trusted).isEqualTo(DIGEST);
        assertThat(cache.status(pin.withSha256(trusted))).isEqualTo(EntryStatus.VERIFIED);
    }

    @Test
    void trustOnFirstUseRefusesSomethingThatIsNotAnImageOfThePinsFormat() throws Exception {
        byte[] errorPage = "<html>rate limited</html>".getBytes(StandardCharsets.UTF_8);
        FirmwarePin pin = servedPin(LoopbackImageServer.file(errorPage));

        assertThatThrownBy(() -> cache.trustOnFirstUse(pin(pin.url(), ImageFormat.HEX, null), DownloadProgress.NONE))
                .isInstanceOf(ImageFormatException.class)
                .hasMessage("line 1: a record must start with ':'");
    }

    @Test
    void anImportedImageLoadsWithoutAnyNetwork() throws Exception {
        // An offline factory: the pin's URL points nowhere reachable.
        FirmwarePin pin = pin(URI.create("https://127.0.0.1:9/cp.bin"), ImageFormat.BIN, DIGEST);
        Path stick = Files.write(dir.resolve("stick.bin"), IMAGE);

        assertThat(cache.importFile(pin, stick, false)).isEqualTo(DIGEST);
        FirmwareImage image = cache.load(pin, TargetMemory.STM32F411XE);

        assertThat(image.sourceSha256()).isEqualTo(DIGEST);
        assertThat(image.segments()).containsExactly(new Segment(0x0800_0000L, IMAGE));
    }

    @Test
    void importRefusesAFileThatIsNotThePinnedOne() throws Exception {
        FirmwarePin pin = pin(URI.create("https://127.0.0.1:9/cp.bin"), ImageFormat.BIN, DIGEST);
        Path wrong = Files.write(dir.resolve("wrong.bin"), TestImages.bootable(4096, 1));

        assertThatThrownBy(() -> cache.importFile(pin, wrong, false)).isInstanceOf(DigestMismatchException.class);
        assertThatThrownBy(() -> cache.importFile(pin(pin.url(), ImageFormat.BIN, null), wrong, false))
                .isInstanceOf(UnpinnedFirmwareException.class);
        assertThat(cache.importFile(pin(pin.url(), ImageFormat.BIN, null), wrong, true))
                .isEqualTo(Sha256.of(Files.readAllBytes(wrong)));
    }

    @Test
    void hexAndUf2PinsLoadToTheSameSegmentsAsTheBin() throws Exception {
        byte[] hex = new IntelHexWriter(16).data(0x0800_0000L, IMAGE).finish();
        byte[] uf2 = new Uf2Writer().data(0x0800_0000L, IMAGE).finish();
        FirmwarePin hexPin = pin(URI.create("https://127.0.0.1:9/cp.hex"), ImageFormat.HEX, Sha256.of(hex));
        FirmwarePin uf2Pin = pin(URI.create("https://127.0.0.1:9/cp.uf2"), ImageFormat.UF2, Sha256.of(uf2));
        cache.importFile(hexPin, Files.write(dir.resolve("cp.hex"), hex), false);
        cache.importFile(uf2Pin, Files.write(dir.resolve("cp.uf2"), uf2), false);

        assertThat(cache.load(hexPin, TargetMemory.STM32F411XE).segments())
                .containsExactly(new Segment(0x0800_0000L, IMAGE));
        assertThat(cache.load(uf2Pin, TargetMemory.STM32F411XE).segments())
                .containsExactly(new Segment(0x0800_0000L, IMAGE));
    }

    @Test
    void loadRefusesAnImageThatCannotBootOnTheTarget() throws Exception {
        FirmwarePin pin = new FirmwarePin(null, "stm32f411ce_blackpill", "10.3.1", "en_US", ImageFormat.BIN,
                URI.create("https://127.0.0.1:9/cp.bin"), DIGEST, 0x0801_0000L);
        cache.importFile(pin, Files.write(dir.resolve("cp.bin"), IMAGE), false);

        assertThatThrownBy(() -> cache.load(pin, TargetMemory.STM32F411XE))
                .isInstanceOf(ImageRejectedException.class)
                .satisfies(e -> assertThat(((ImageRejectedException) e).problems()).extracting(ImageProblem::kind)
                        .containsExactly(ImageProblem.Kind.NO_VECTOR_TABLE));
    }

    @Test
    void loadingAnImageNotInTheCacheSaysHowToGetIt() throws Exception {
        FirmwarePin pin = pin(URI.create("https://127.0.0.1:9/cp.bin"), ImageFormat.BIN, DIGEST);

        assertThatThrownBy(() -> cache.load(pin, TargetMemory.STM32F411XE))
                .hasMessageContaining("is not in the cache")
                .hasMessageContaining("flash-station firmware import FILE");
        assertThat(cache.status(pin)).isEqualTo(EntryStatus.MISSING);
    }

    @Test
    void exportCopiesThePinnedImage() throws Exception {
        FirmwarePin pin = servedPin(LoopbackImageServer.file(IMAGE));
        cache.fetch(pin, DownloadProgress.NONE);

        cache.export(pin, dir.resolve("out/cp.bin"));

        assertThat(dir.resolve("out/cp.bin")).hasBinaryContent(IMAGE);
    }

    @Test
    @Timeout(60)
    void twoThreadsFetchingOnePinDownloadItOnce() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        FirmwarePin pin = servedPin(LoopbackImageServer.gated(IMAGE, arrived, gate));
        FutureTask<FirmwareCache.Fetched> first = new FutureTask<>(() -> cache.fetch(pin, DownloadProgress.NONE));
        FutureTask<FirmwareCache.Fetched> second = new FutureTask<>(() -> cache.fetch(pin, DownloadProgress.NONE));
        new Thread(first, "first-fetch").start();
        arrived.await();
        Thread secondThread = new Thread(second, "second-fetch");
        secondThread.start();
        // The second fetch parks on the store lock while the first one's download is held at the server.
        while (secondThread.isAlive() && secondThread.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        gate.countDown();

        assertThat(first.get().downloaded()).isTrue();
        assertThat(second.get().downloaded()).isFalse();
        assertThat(second.get().entry()).hasBinaryContent(IMAGE);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    @Timeout(120)
    void twoProcessesFetchingOnePinDownloadItOnce() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        server = LoopbackImageServer.http().on(PATH, LoopbackImageServer.gated(IMAGE, arrived, gate));
        Path shared = dir.resolve("shared-cache");
        List<Process> processes = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), FetchInAnotherProcess.class.getName(),
                    shared.toString(), server.uri(PATH).toString(), DIGEST.hex())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            processes.add(process);
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            outputs.add(output);
            assertThat(output.readLine()).isEqualTo("fetching");
        }
        arrived.await();
        gate.countDown();

        List<String> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            results.add(outputs.get(i).readLine());
            assertThat(processes.get(i).waitFor()).isZero();
        }
        assertThat(results).containsExactlyInAnyOrder("downloaded=true", "downloaded=false");
        assertThat(server.requests()).hasSize(1);
        assertThat(new ContentStore(shared).read(DIGEST)).hasValueSatisfying(b -> assertThat(b).isEqualTo(IMAGE));
    }
}
