package io.flashstation.firmware.pin;

import io.flashstation.firmware.image.ImageFormat;

import java.net.URI;

/** The CircuitPython download site's URL pattern (circuitpython-blackpill.md §2). */
public final class CircuitPythonDownloads {

    /** The site that serves every published build. */
    public static final String SITE = "https://downloads.circuitpython.org";

    private CircuitPythonDownloads() {
    }

    /** {@code <site>/bin/<board>/<locale>/adafruit-circuitpython-<board>-<locale>-<version>.<ext>}. */
    public static URI imageUrl(String board, String locale, String version, ImageFormat format) {
        return URI.create(SITE + "/bin/" + board + "/" + locale + "/adafruit-circuitpython-" + board + "-" + locale
                + "-" + version + "." + format.extension());
    }
}
