package io.flashstation.station.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.pin.PinFile;
import io.flashstation.station.cli.FlashStationCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's {@code flash-station firmware} commands (issue 5), run through picocli against a loopback
 * plain-HTTP server (allowed with {@code --allow-http}) and a temporary pin file and cache.
 */
class FirmwareCommandTest {

    private static final byte[] IMAGE = bootableImage();
    private static final Sha256 DIGEST = Sha256.of(IMAGE);

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger downloads = new AtomicInteger();
    private String url;

    /** The output of one command. */
    private record Run(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    /** 64 KiB for 0x08000000: SP at the top of SRAM, Thumb reset handler inside the image (ImageCheck rules). */
    private static byte[] bootableImage() {
        byte[] image = new byte[64 * 1024];
        new Random(11).nextBytes(image);
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x2002_0000).putInt(4, 0x0800_0101);
        return image;
    }

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cp.bin", exchange -> {
            try (exchange) {
                downloads.incrementAndGet();
                exchange.sendResponseHeaders(200, IMAGE.length);
                exchange.getResponseBody().write(IMAGE);
            }
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/cp.bin";
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new FlashStationCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("firmware"));
        all.addAll(List.of(args));
        all.addAll(List.of("--pin-file", dir.resolve("firmware.json").toString(),
                "--cache-dir", dir.resolve("cache").toString()));
        int exitCode = command.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private Run pinWithDigest(String digest) {
        return run("pin", "--circuitpython", "10.3.1", "--url", url, "--sha256", digest);
    }

    @Test
    void anOperatorPinsFetchesVerifiesListsAndExports() throws Exception {
        assertThat(pinWithDigest(DIGEST.hex()).out())
                .contains("pinned stm32f411ce_blackpill-en_US-10.3.1.bin (active)");

        Run fetch = run("fetch", "--allow-http");
        assertThat(fetch.exitCode()).isZero();
        assertThat(fetch.out()).startsWith("fetched stm32f411ce_blackpill-en_US-10.3.1.bin sha256 " + DIGEST);
        assertThat(fetch.err()).contains("100% [##############################] 64/64 KiB");
        assertThat(run("fetch", "--allow-http").out()).startsWith("already cached ");
        assertThat(downloads).hasValue(1);

        Run verify = run("verify");
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("verified sha256 " + DIGEST + ", 65536 bytes in 1 segment(s), flashable on "
                + "STM32F411xE");

        assertThat(run("list").out()).startsWith("* stm32f411ce_blackpill-en_US-10.3.1.bin")
                .contains("VERIFIED").contains(DIGEST.shortForm());

        Path exported = dir.resolve("stick/cp.bin");
        assertThat(run("export", exported.toString()).exitCode()).isZero();
        assertThat(exported).hasBinaryContent(IMAGE);
    }

    @Test
    void trustOnFirstUsePrintsAndRecordsTheDigest() throws Exception {
        Run pin = run("pin", "--circuitpython", "10.3.1", "--url", url, "--trust-on-first-use", "--allow-http");

        assertThat(pin.exitCode()).isZero();
        assertThat(pin.out()).contains("sha256 " + DIGEST + "  (trusted on first use");
        FirmwarePin recorded = PinFile.read(dir.resolve("firmware.json")).active().orElseThrow();
        assertThat(recorded.sha256()).isEqualTo(DIGEST);
        assertThat(run("verify").exitCode()).isZero();
    }

    @Test
    void aPinWithoutDigestIsRecordedButNeverFetched() throws Exception {
        Run pin = run("pin", "--circuitpython", "10.3.1", "--url", url);
        assertThat(pin.out()).contains("warning: no sha256 yet");

        Run fetch = run("fetch", "--allow-http");

        assertThat(fetch.exitCode()).isEqualTo(1);
        assertThat(fetch.err()).startsWith("error: pin 'stm32f411ce_blackpill-en_US-10.3.1.bin' has no sha256");
        assertThat(downloads).hasValue(0);
    }

    @Test
    void aDownloadWithAnotherDigestIsRefusedWithBothDigests() throws Exception {
        Sha256 pinned = Sha256.of(new byte[] {1});
        pinWithDigest(pinned.hex());

        Run fetch = run("fetch", "--allow-http", "--json");

        assertThat(fetch.exitCode()).isEqualTo(1);
        assertThat(fetch.json().get("error").asText()).contains("has sha256 " + DIGEST)
                .contains("but the pin requires " + pinned);
        assertThat(run("verify").out()).contains("not in the cache");
    }

    @Test
    void plainHttpNeedsTheExplicitFlag() {
        pinWithDigest(DIGEST.hex());

        Run fetch = run("fetch");

        assertThat(fetch.exitCode()).isEqualTo(1);
        assertThat(fetch.err()).contains("refusing plain HTTP for " + url);
    }

    @Test
    void anOfflineStationImportsTheFile() throws Exception {
        run("pin", "--circuitpython", "10.3.1", "--url", "https://127.0.0.1:9/cp.bin", "--sha256", DIGEST.hex());
        Path stick = Files.write(dir.resolve("cp.bin"), IMAGE);

        Run imported = run("import", stick.toString(), "--json");

        assertThat(imported.exitCode()).isZero();
        assertThat(imported.json().get("sha256").asText()).isEqualTo(DIGEST.hex());
        assertThat(imported.json().get("recorded").asBoolean()).isFalse();
        assertThat(run("verify").exitCode()).isZero();
    }

    @Test
    void importingForAnUnpinnedPinNeedsTrustOnFirstUse() throws Exception {
        run("pin", "--circuitpython", "10.3.1", "--url", "https://127.0.0.1:9/cp.bin");
        Path stick = Files.write(dir.resolve("cp.bin"), IMAGE);

        assertThat(run("import", stick.toString()).exitCode()).isEqualTo(1);
        Run trusted = run("import", stick.toString(), "--trust-on-first-use");

        assertThat(trusted.exitCode()).isZero();
        assertThat(trusted.out()).contains("recorded sha256");
        assertThat(PinFile.read(dir.resolve("firmware.json")).active().orElseThrow().sha256()).isEqualTo(DIGEST);
    }

    @Test
    void verifyReportsACorruptEntryAndFails() throws Exception {
        pinWithDigest(DIGEST.hex());
        run("fetch", "--allow-http");
        byte[] rotted = IMAGE.clone();
        rotted[100] ^= 1;
        Files.write(dir.resolve("cache/sha256/" + DIGEST.hex()), rotted);

        Run verify = run("verify", "--json");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.json().get("ok").asBoolean()).isFalse();
        assertThat(verify.json().get("pins").get(0).get("status").asText()).isEqualTo("CORRUPT");
    }

    @Test
    void verifyNamesWhyAnImageCannotBeFlashed() throws Exception {
        run("pin", "--circuitpython", "10.3.1", "--url", url, "--sha256", DIGEST.hex(), "--base-address",
                "0x08010000");
        run("fetch", "--allow-http");

        Run verify = run("verify");

        // stm32f411-target.md §2 / §12: a vector table must be written at the start of flash.
        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.out()).contains("NOT flashable on STM32F411xE")
                .contains("the image does not write the vector table at 0x08000000");
    }

    @Test
    void listInJsonShowsEveryPinWithStatus() throws Exception {
        pinWithDigest(DIGEST.hex());
        run("pin", "--circuitpython", "10.0.3", "--url", url);

        JsonNode list = run("list", "--json").json();

        assertThat(list.get("active").asText()).isEqualTo("stm32f411ce_blackpill-en_US-10.3.1.bin");
        assertThat(list.get("pins")).hasSize(2);
        assertThat(list.get("pins").get(0).get("status").asText()).isEqualTo("MISSING");
        assertThat(list.get("pins").get(1).get("status").asText()).isEqualTo("UNPINNED");
        assertThat(list.get("pins").get(1).get("active").asBoolean()).isFalse();
    }

    @Test
    void verifyAllJudgesEveryPinAndExportNamesTheDigest() throws Exception {
        pinWithDigest(DIGEST.hex());
        run("pin", "--circuitpython", "10.0.3", "--url", url);
        run("fetch", "--allow-http");

        Run verify = run("verify", "--all", "--json");

        assertThat(verify.exitCode()).isEqualTo(1);
        assertThat(verify.json().get("pins")).extracting(pin -> pin.get("status").asText())
                .containsExactly("VERIFIED", "UNPINNED");
        assertThat(verify.json().get("pins").get(0).get("bytes").asLong()).isEqualTo(IMAGE.length);
        JsonNode export = run("export", dir.resolve("cp.bin").toString(), "--json").json();
        assertThat(export.get("sha256").asText()).isEqualTo(DIGEST.hex());
        assertThat(run("export", dir.resolve("x.bin").toString(), "--pin",
                "stm32f411ce_blackpill-en_US-10.0.3.bin").err()).contains("has no sha256");
    }

    @Test
    void commandsWithoutAnyPinSayHowToPin() {
        Run fetch = run("fetch");

        assertThat(fetch.exitCode()).isEqualTo(1);
        assertThat(fetch.err()).contains("no firmware is pinned").contains("firmware pin --circuitpython VERSION");
    }

    @Test
    void theProgressBarShowsPercentAndSize() {
        assertThat(DownloadProgressBar.render(0, 2048)).isEqualTo("  0% [..............................] 0/2 KiB");
        assertThat(DownloadProgressBar.render(1024, 2048)).isEqualTo(" 50% [###############...............] 1/2 KiB");
        assertThat(DownloadProgressBar.render(5 * 1024, -1)).isEqualTo("       5 KiB");
    }
}
