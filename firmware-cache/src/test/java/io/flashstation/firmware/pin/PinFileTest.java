package io.flashstation.firmware.pin;

import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.image.ImageFormat;
import io.flashstation.firmware.image.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pin file: defaults from circuitpython-blackpill.md §2 (URL pattern) and §4 (load address), strict reading. */
class PinFileTest {

    private static final Sha256 LAYOUT = Sha256.parse(TestImages.LAYOUT_SHA256);

    @TempDir
    Path dir;

    @Test
    void aPinDefaultsToTheDownloadSitesUrlAndTheStartOfFlash() {
        FirmwarePin pin = FirmwarePin.of("stm32f411ce_blackpill", "10.3.1", "en_US", ImageFormat.BIN);

        // circuitpython-blackpill.md §2: <site>/bin/<id>/<lang>/adafruit-circuitpython-<id>-<lang>-<ver>.<ext>
        assertThat(pin.url()).isEqualTo(URI.create("https://downloads.circuitpython.org/bin/stm32f411ce_blackpill/"
                + "en_US/adafruit-circuitpython-stm32f411ce_blackpill-en_US-10.3.1.bin"));
        assertThat(pin.baseAddress()).isEqualTo(0x0800_0000L);
        assertThat(pin.name()).isEqualTo("stm32f411ce_blackpill-en_US-10.3.1.bin");
        assertThat(pin.pinnedSha256()).isEmpty();
    }

    @Test
    void pinsRoundTripThroughTheFileWithTheActiveOneKept() throws Exception {
        FirmwarePin current = FirmwarePin.of("stm32f411ce_blackpill", "10.3.1", "en_US", ImageFormat.BIN)
                .withSha256(LAYOUT);
        FirmwarePin previous = new FirmwarePin("known-good", "stm32f411ce_blackpill", "10.0.3", "de_DE",
                ImageFormat.HEX, URI.create("https://mirror.example/cp.hex"), null, 0x0800_0000L);
        Path file = dir.resolve("firmware.json");

        PinFile.write(file, PinSet.EMPTY.withPin(current).withPin(previous));
        PinSet read = PinFile.read(file);

        assertThat(read.pins()).containsExactly(current, previous);
        assertThat(read.active()).contains(current);
        assertThat(read.activate("known-good").active()).contains(previous);
    }

    @Test
    void theDocumentedExampleReads() throws Exception {
        Path file = dir.resolve("firmware.json");
        Files.writeString(file, """
                {
                  "format_version": 1,
                  "active": "cp-10.3.1",
                  "pins": [
                    {
                      "name": "cp-10.3.1",
                      "board": "stm32f411ce_blackpill",
                      "version": "10.3.1",
                      "locale": "en_US",
                      "format": "bin",
                      "sha256": "77CF3561945AA194A4462770E0DDA4EF9472BBDF6FBF3653C4011CC5277D5DF5",
                      "base_address": "0x0800_0000"
                    }
                  ]
                }
                """);

        FirmwarePin pin = PinFile.read(file).active().orElseThrow();

        assertThat(pin.sha256()).isEqualTo(LAYOUT);
        assertThat(pin.url().toString()).endsWith("/adafruit-circuitpython-stm32f411ce_blackpill-en_US-10.3.1.bin");
        assertThat(pin.baseAddress()).isEqualTo(0x0800_0000L);
    }

    @Test
    void aMissingFileIsAStationWithNoPins() throws Exception {
        assertThat(PinFile.read(dir.resolve("absent.json"))).isEqualTo(PinSet.EMPTY);
    }

    @Test
    void typosAndBadValuesAreErrorsNamingThePin() throws Exception {
        assertThat(readError("""
                {"format_version": 1, "active": "a", "pins": [{"name": "a", "board": "b", "version": "1",
                 "locale": "en_US", "format": "bin", "sha265": "00"}]}
                """)).contains("pin #1: the pin has an unknown field 'sha265'");
        assertThat(readError("""
                {"format_version": 1, "active": "a", "pins": [{"name": "a", "board": "b", "version": "1",
                 "locale": "en_US", "format": "bin", "sha256": "1234"}]}
                """)).contains("pin #1: not a sha256 digest (64 hex digits expected): '1234'");
        assertThat(readError("""
                {"format_version": 1, "active": "a", "pins": [{"name": "a", "board": "b", "version": "1",
                 "format": "bin"}]}
                """)).contains("pin #1: missing 'locale'");
        assertThat(readError("""
                {"format_version": 1, "active": "a", "pins": [{"name": "a", "board": "b", "version": "1",
                 "locale": "en_US", "format": "elf"}]}
                """)).contains("unknown image format 'elf'");
        assertThat(readError("""
                {"format_version": 1, "active": "zzz", "pins": [{"name": "a", "board": "b", "version": "1",
                 "locale": "en_US", "format": "bin"}]}
                """)).contains("the active pin 'zzz' is not among the pins");
        assertThat(readError("{\"format_version\": 2, \"pins\": []}")).contains("format_version must be 1, found 2");
        assertThat(readError("{\"format_version\": 1, \"pins\": [")).contains("is not valid JSON");
    }

    @Test
    void boardVersionAndLocaleCannotSmuggleSlashesIntoUrls() {
        assertThatThrownBy(() -> FirmwarePin.of("../etc", "10.3.1", "en_US", ImageFormat.BIN))
                .hasMessageStartingWith("board must be letters, digits");
    }

    private String readError(String json) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.write(file, json.getBytes(StandardCharsets.UTF_8));
        try {
            PinFile.read(file);
        } catch (PinFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + json);
    }
}
