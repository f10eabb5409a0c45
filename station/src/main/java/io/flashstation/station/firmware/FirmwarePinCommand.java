package io.flashstation.station.firmware;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.fetch.DownloadProgress;
import io.flashstation.firmware.image.ImageFormat;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.pin.PinFile;
import io.flashstation.firmware.pin.PinSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;

/**
 * {@code firmware pin}: records a pin. With {@code --sha256} the pin is complete; with {@code --trust-on-first-use}
 * the image is downloaded now and its digest printed and recorded (the one way to resolve a pin without a digest).
 */
@Command(name = "pin", mixinStandardHelpOptions = true,
        description = "Pin a CircuitPython image (board, version, locale, format, sha256).")
public class FirmwarePinCommand extends FirmwareSubcommand {

    @Option(names = "--board", defaultValue = "stm32f411ce_blackpill",
            description = "Board id (default: ${DEFAULT-VALUE}).")
    String board;

    @Option(names = "--circuitpython", required = true, paramLabel = "VERSION",
            description = "CircuitPython version, e.g. 10.3.1.")
    String version;

    @Option(names = "--locale", defaultValue = "en_US", description = "Build language (default: ${DEFAULT-VALUE}).")
    String locale;

    @Option(names = "--format", defaultValue = "bin", description = "bin, hex or uf2 (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--url", description = "Where to download from (default: the CircuitPython download site).")
    URI url;

    @Option(names = "--sha256", description = "The digest the image must have.")
    String sha256;

    @Option(names = "--base-address", defaultValue = "0x08000000",
            description = "Where a .bin is written (default: ${DEFAULT-VALUE}).")
    String baseAddress;

    @Option(names = "--name", description = "Name of the pin (default: <board>-<locale>-<version>.<format>).")
    String name;

    @Option(names = "--activate", description = "Make this pin the one the station flashes (the first pin always is).")
    boolean activate;

    @Option(names = "--trust-on-first-use",
            description = "Download the image now and record the digest it has. Operator use only.")
    boolean trustOnFirstUse;

    @Option(names = "--allow-http", description = "Allow a plain-HTTP URL (trusted local mirror only).")
    boolean allowHttp;

    @Override
    int run() throws FirmwareException, IOException {
        FirmwarePin pin;
        try {
            pin = new FirmwarePin(name, board, version, locale, ImageFormat.parse(format), url,
                    sha256 == null ? null : Sha256.parse(sha256), PinFile.parseAddress(baseAddress));
        } catch (IllegalArgumentException e) {
            throw new FirmwareException(e.getMessage(), e);
        }
        if (trustOnFirstUse && pin.sha256() != null) {
            throw new FirmwareException("--trust-on-first-use and --sha256 exclude each other: the digest is known");
        }
        if (trustOnFirstUse) {
            DownloadProgressBar bar = new DownloadProgressBar(err());
            Sha256 digest;
            try {
                digest = options.openCache(allowHttp).trustOnFirstUse(pin, options.json() ? DownloadProgress.NONE : bar);
            } finally {
                bar.finish();
            }
            pin = pin.withSha256(digest);
        }
        PinSet pins = options.readPins().withPin(pin);
        if (activate) {
            pins = pins.activate(pin.name());
        }
        options.writePins(pins);
        boolean active = pin.name().equals(pins.activeName());
        if (options.json()) {
            ObjectNode root = JSON.createObjectNode();
            root.set("pin", PinJson.of(pin));
            root.put("active", active);
            root.put("trusted_on_first_use", trustOnFirstUse);
            printJson(root);
            return 0;
        }
        if (trustOnFirstUse) {
            println("downloaded " + pin.url());
            println("sha256 " + pin.sha256() + "  (trusted on first use: compare it with a second source)");
        }
        println("pinned " + pin.name() + (active ? " (active)" : "") + " in " + options.pinFile());
        if (pin.sha256() == null) {
            println("warning: no sha256 yet; the station will not flash this pin until one is recorded "
                    + "(--sha256 or --trust-on-first-use)");
        }
        return 0;
    }
}
