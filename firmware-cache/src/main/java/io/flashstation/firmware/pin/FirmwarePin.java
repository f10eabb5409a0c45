package io.flashstation.firmware.pin;

import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.image.ImageFormat;
import io.flashstation.firmware.image.ImageReader;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One approved firmware image: which CircuitPython build it is, where it comes from, and the sha256 it must have.
 * A pin without a sha256 is a candidate only: it can be resolved solely by an operator's trust-on-first-use step.
 *
 * @param name        the pin's name in the pin file (unique there)
 * @param board       CircuitPython board id, e.g. {@code stm32f411ce_blackpill}
 * @param version     CircuitPython version, e.g. {@code 10.3.1}
 * @param locale      the build's language, e.g. {@code en_US}
 * @param format      the file format
 * @param url         where the file is downloaded from
 * @param sha256      the digest the file must have, or null while the pin awaits trust on first use
 * @param baseAddress where a raw binary is written (ignored for HEX and UF2, which carry their own addresses)
 */
public record FirmwarePin(String name, String board, String version, String locale, ImageFormat format, URI url,
                          Sha256 sha256, long baseAddress) {

    /** Fills the defaults the issue fixes: name from board/locale/version, URL from the download site's pattern. */
    public FirmwarePin {
        requireToken(board, "board");
        requireToken(version, "version");
        requireToken(locale, "locale");
        Objects.requireNonNull(format, "format");
        if (name == null || name.isBlank()) {
            name = defaultName(board, locale, version, format);
        }
        if (url == null) {
            url = CircuitPythonDownloads.imageUrl(board, locale, version, format);
        }
        if (baseAddress < 0 || baseAddress > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("base address outside the 32-bit space: " + baseAddress);
        }
    }

    /** A pin with every default: the download site's URL, the start of flash, no digest yet. */
    public static FirmwarePin of(String board, String version, String locale, ImageFormat format) {
        return new FirmwarePin(null, board, version, locale, format, null, null,
                ImageReader.DEFAULT_BIN_BASE_ADDRESS);
    }

    /** The name a pin gets when the operator gives none: the download file's distinguishing part. */
    public static String defaultName(String board, String locale, String version, ImageFormat format) {
        return board + "-" + locale + "-" + version + "." + format.extension();
    }

    /** The digest, if the pin has one. */
    public Optional<Sha256> pinnedSha256() {
        return Optional.ofNullable(sha256);
    }

    /** This pin with the digest recorded (trust on first use, or an operator typing it in). */
    public FirmwarePin withSha256(Sha256 digest) {
        return new FirmwarePin(name, board, version, locale, format, url, Objects.requireNonNull(digest), baseAddress);
    }

    private static void requireToken(String value, String field) {
        // These end up in URLs and file names; whitespace or slashes there are always a typo.
        if (value == null || !value.matches("[A-Za-z0-9._+-]+")) {
            throw new IllegalArgumentException(field + " must be letters, digits, '.', '_', '+' or '-': '"
                    + value + "'");
        }
    }
}
