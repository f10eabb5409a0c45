package io.flashstation.firmware.fetch;

import io.flashstation.firmware.fetch.FetchException.Reason;
import io.flashstation.firmware.fetch.LoopbackImageServer.Request;
import io.flashstation.firmware.image.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The downloader against a loopback HTTPS server (issue 5: HTTPS only unless allowed, size cap, timeout, resume where
 * the server supports ranges — RFC 9110 §14 Range / 206 / Content-Range —, progress, clear errors).
 */
class ImageDownloaderTest {

    private static final byte[] IMAGE = TestImages.circuitPythonLayout();
    private static final String PATH = "/bin/stm32f411ce_blackpill/en_US/firmware.bin";

    @TempDir
    Path work;

    private LoopbackImageServer server;

    /** Generous timeouts: a loaded CI machine must not turn a slow TLS handshake into a failure. */
    private static DownloadSettings settings() {
        return DownloadSettings.defaults()
                .withSslContext(LoopbackImageServer.clientTrust())
                .withIdleTimeout(Duration.ofSeconds(10));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private long download(DownloadSettings settings, URI uri, DownloadProgress progress) throws Exception {
        return new ImageDownloader(settings).download(uri, work.resolve("image.partial"), progress);
    }

    @Test
    void downloadsOverHttpsReportingProgress() throws Exception {
        server = LoopbackImageServer.https().on(PATH, LoopbackImageServer.file(IMAGE));
        List<long[]> updates = new ArrayList<>();

        long length = download(settings(), server.uri(PATH), (received, total) -> updates.add(new long[] {received, total}));

        assertThat(length).isEqualTo(IMAGE.length);
        assertThat(Files.readAllBytes(work.resolve("image.partial"))).isEqualTo(IMAGE);
        assertThat(updates).isNotEmpty().allSatisfy(update -> assertThat(update[1]).isEqualTo(IMAGE.length));
        assertThat(updates.get(updates.size() - 1)[0]).isEqualTo(IMAGE.length);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[0]).isGreaterThanOrEqualTo(updates.get(i - 1)[0]);
        }
    }

    @Test
    void aCutConnectionIsResumedWithARangeRequest() throws Exception {
        server = LoopbackImageServer.https().on(PATH, LoopbackImageServer.cutting(IMAGE, 100_000, 1));

        download(settings(), server.uri(PATH), DownloadProgress.NONE);

        assertThat(Files.readAllBytes(work.resolve("image.partial"))).isEqualTo(IMAGE);
        assertThat(server.requests()).containsExactly(new Request(PATH, null), new Request(PATH, "bytes=100000-"));
    }

    @Test
    void aServerThatIgnoresRangesMakesTheDownloadStartOver() throws Exception {
        LoopbackImageServer.Behaviour cutOnce = LoopbackImageServer.cutting(IMAGE, 50_000, 1);
        LoopbackImageServer.Behaviour whole = LoopbackImageServer.ignoringRanges(IMAGE);
        server = LoopbackImageServer.https().on(PATH, (exchange, index) ->
                (index == 0 ? cutOnce : whole).respond(exchange, index));

        download(settings(), server.uri(PATH), DownloadProgress.NONE);

        // The 200 to a ranged request replaced the 50,000 kept bytes instead of being appended to them.
        assertThat(Files.readAllBytes(work.resolve("image.partial"))).isEqualTo(IMAGE);
        assertThat(server.requests()).extracting(Request::range).containsExactly(null, "bytes=50000-");
    }

    @Test
    void aRefusedRangeMakesTheDownloadStartOver() throws Exception {
        // A partial file as long as the image (say a crash before it was committed): the server answers 416.
        Files.write(work.resolve("image.partial"), new byte[IMAGE.length]);
        server = LoopbackImageServer.https().on(PATH, LoopbackImageServer.file(IMAGE));

        download(settings(), server.uri(PATH), DownloadProgress.NONE);

        assertThat(Files.readAllBytes(work.resolve("image.partial"))).isEqualTo(IMAGE);
        assertThat(server.requests()).extracting(Request::range).containsExactly("bytes=434176-", null);
    }

    @Test
    void aResumeAtTheWrongOffsetIsNotAppended() throws Exception {
        Files.write(work.resolve("image.partial"), Arrays.copyOf(IMAGE, 1000));
        LoopbackImageServer.Behaviour whole = LoopbackImageServer.file(IMAGE);
        server = LoopbackImageServer.https().on(PATH, (exchange, index) -> {
            if (index > 0) {
                whole.respond(exchange, index);
                return;
            }
            // Claims to resume at 999 when asked for 1000.
            exchange.getResponseHeaders().set("Content-Range", "bytes 999-434175/434176");
            exchange.sendResponseHeaders(206, IMAGE.length - 999);
            exchange.getResponseBody().write(IMAGE, 999, IMAGE.length - 999);
        });

        download(settings(), server.uri(PATH), DownloadProgress.NONE);

        assertThat(Files.readAllBytes(work.resolve("image.partial"))).isEqualTo(IMAGE);
        assertThat(server.requests()).extracting(Request::range).containsExactly("bytes=1000-", null);
    }

    @Test
    void whenEveryAttemptBreaksThePartialFileIsKeptAndALaterRunResumes() throws Exception {
        server = LoopbackImageServer.https().on(PATH, LoopbackImageServer.cutting(IMAGE, 200_000, 3));

        assertThatThrownBy(() -> download(settings().withMaxAttempts(3), server.uri(PATH), DownloadProgress.NONE))
                .isInstanceOf(FetchException.class)
                .hasFieldOrPropertyWithValue("reason", Reason.INTERRUPTED)
                .hasMessageContaining("broke off on all 3 attempts")
                .hasMessageContaining("200000 bytes are kept, run fetch again to resume");
        assertThat(Files.size(work.resolve("image.partial"))).isEqualTo(200_000);

        download(settings(), server.uri(PATH), DownloadProgress.NONE);

        assertThat(Files.readAllBytes(work.resolve("image.partial"))).isEqualTo(IMAGE);
        assertThat(server.requests()).extracting(Request::range)
                .containsExactly(null, "bytes=200000-", "bytes=200000-", "bytes=200000-");
    }

    @Test
    void aStalledServerTimesOutAndKeepsWhatArrived() throws Exception {
        server = LoopbackImageServer.https();
        server.on(PATH, server.stalling(IMAGE, 4096));

        DownloadSettings impatient = settings().withIdleTimeout(Duration.ofSeconds(1));

        assertThatThrownBy(() -> download(impatient, server.uri(PATH), DownloadProgress.NONE))
                .isInstanceOf(FetchException.class)
                .hasFieldOrPropertyWithValue("reason", Reason.TIMEOUT)
                .hasMessageContaining("127.0.0.1 sent nothing for 1 s")
                .hasMessageContaining("after 4096 of 434176 bytes");
        assertThat(Files.size(work.resolve("image.partial"))).isEqualTo(4096);
    }

    @Test
    void aMissingImageIsNotFound() throws Exception {
        server = LoopbackImageServer.https().on(PATH, LoopbackImageServer.status(404));

        assertThatThrownBy(() -> download(settings(), server.uri(PATH), DownloadProgress.NONE))
                .hasFieldOrPropertyWithValue("reason", Reason.NOT_FOUND)
                .hasMessage("no image at " + server.uri(PATH) + " (HTTP 404): check the pin's board id, version, "
                        + "locale and format");
    }

    @Test
    void otherErrorStatusesAreReported() throws Exception {
        server = LoopbackImageServer.https().on(PATH, LoopbackImageServer.status(503));

        assertThatThrownBy(() -> download(settings(), server.uri(PATH), DownloadProgress.NONE))
                .hasFieldOrPropertyWithValue("reason", Reason.HTTP_STATUS)
                .hasMessage("the server answered HTTP 503 for " + server.uri(PATH));
    }

    @Test
    void anAnnouncedSizeOverTheLimitIsRefusedBeforeDownloading() throws Exception {
        server = LoopbackImageServer.https().on(PATH, LoopbackImageServer.file(IMAGE));

        assertThatThrownBy(() -> download(settings().withMaxBytes(400_000), server.uri(PATH), DownloadProgress.NONE))
                .hasFieldOrPropertyWithValue("reason", Reason.TOO_LARGE)
                .hasMessage("the file at " + server.uri(PATH) + " is 434176 bytes, over the limit of 400000 "
                        + "bytes for a firmware image");
        assertThat(work.resolve("image.partial")).doesNotExist();
    }

    @Test
    void aChunkedBodyOverTheLimitIsCutOffWhileStreaming() throws Exception {
        server = LoopbackImageServer.https().on(PATH, LoopbackImageServer.chunked(IMAGE));

        assertThatThrownBy(() -> download(settings().withMaxBytes(100_000), server.uri(PATH), DownloadProgress.NONE))
                .hasFieldOrPropertyWithValue("reason", Reason.TOO_LARGE)
                .hasMessage("the file at " + server.uri(PATH) + " is more than 100000 bytes, over the limit of "
                        + "100000 bytes for a firmware image");
        assertThat(work.resolve("image.partial")).doesNotExist();
    }

    @Test
    void aChunkedBodyWithinTheLimitIsComplete() throws Exception {
        server = LoopbackImageServer.https().on(PATH, LoopbackImageServer.chunked(IMAGE));
        List<Long> totals = new ArrayList<>();

        download(settings(), server.uri(PATH), (received, total) -> totals.add(total));

        assertThat(Files.readAllBytes(work.resolve("image.partial"))).isEqualTo(IMAGE);
        assertThat(totals).containsOnly(-1L);
    }

    @Test
    void plainHttpIsRefusedUnlessExplicitlyAllowed() throws Exception {
        server = LoopbackImageServer.http().on(PATH, LoopbackImageServer.file(IMAGE));

        assertThatThrownBy(() -> download(settings(), server.uri(PATH), DownloadProgress.NONE))
                .hasFieldOrPropertyWithValue("reason", Reason.INSECURE_URL)
                .hasMessageStartingWith("refusing plain HTTP for " + server.uri(PATH));
        assertThat(server.requests()).isEmpty();

        download(settings().withAllowPlainHttp(true), server.uri(PATH), DownloadProgress.NONE);
        assertThat(Files.readAllBytes(work.resolve("image.partial"))).isEqualTo(IMAGE);
    }

    @Test
    void anUntrustedCertificateIsATlsFailure() throws Exception {
        server = LoopbackImageServer.https().on(PATH, LoopbackImageServer.file(IMAGE));

        // The JDK's default trust store does not know the test's self-signed certificate.
        assertThatThrownBy(() -> download(DownloadSettings.defaults(), server.uri(PATH), DownloadProgress.NONE))
                .hasFieldOrPropertyWithValue("reason", Reason.TLS_FAILURE)
                .hasMessageContaining("certificate is not trusted");
    }

    @Test
    void anUnreachableHostSuggestsOfflineImport() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> download(settings(), URI.create("https://127.0.0.1:" + closedPort + PATH),
                DownloadProgress.NONE))
                .hasFieldOrPropertyWithValue("reason", Reason.UNREACHABLE)
                .hasMessageStartingWith("cannot reach 127.0.0.1")
                .hasMessageContaining("run `flash-station firmware import FILE`");
    }

    @Test
    void contentRangeHeadersAreParsed() {
        assertThat(ImageDownloader.parseContentRange("bytes 100-999/1000")).containsExactly(100, 999, 1000);
        assertThat(ImageDownloader.parseContentRange("bytes 100-999/*")).containsExactly(100, 999, -1);
        assertThat(ImageDownloader.parseContentRange("items 1-2/3")).isNull();
    }
}
