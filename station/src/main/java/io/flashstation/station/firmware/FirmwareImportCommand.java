package io.flashstation.station.firmware;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.pin.PinSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/** {@code firmware import FILE}: puts a local copy of the pinned image into the cache, for stations offline. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import a local image file for a pin (offline stations).")
public class FirmwareImportCommand extends FirmwareSubcommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The image file.")
    Path file;

    @Option(names = "--pin", paramLabel = "NAME", description = "Pin name (default: the active pin).")
    String pinName;

    @Option(names = "--trust-on-first-use",
            description = "For a pin without sha256: accept this file and record its digest. Operator use only.")
    boolean trustOnFirstUse;

    @Override
    int run() throws FirmwareException, IOException {
        PinSet pins = options.readPins();
        FirmwarePin pin = options.select(pins, pinName);
        Sha256 digest = options.openCache(false).importFile(pin, file, trustOnFirstUse);
        boolean recorded = pin.sha256() == null;
        if (recorded) {
            options.writePins(pins.withPin(pin.withSha256(digest)));
        }
        if (options.json()) {
            ObjectNode root = JSON.createObjectNode();
            root.put("pin", pin.name());
            root.put("sha256", digest.hex());
            root.put("recorded", recorded);
            printJson(root);
        } else {
            println("imported " + file + " for " + pin.name() + " sha256 " + digest);
            if (recorded) {
                println("recorded sha256 in " + options.pinFile() + " (trusted on first use)");
            }
        }
        return 0;
    }
}
