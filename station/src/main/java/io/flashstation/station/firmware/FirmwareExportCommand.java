package io.flashstation.station.firmware;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.pin.FirmwarePin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;

/** {@code firmware export FILE}: copies the verified pinned image out, to carry it to an offline station. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the verified pinned image to a file.")
public class FirmwareExportCommand extends FirmwareSubcommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the image.")
    Path target;

    @Option(names = "--pin", paramLabel = "NAME", description = "Pin name (default: the active pin).")
    String pinName;

    @Override
    int run() throws FirmwareException, IOException {
        FirmwarePin pin = options.select(options.readPins(), pinName);
        options.openCache(false).export(pin, target);
        if (options.json()) {
            ObjectNode root = JSON.createObjectNode();
            root.put("pin", pin.name());
            root.put("sha256", pin.sha256().hex());
            root.put("path", target.toString());
            printJson(root);
        } else {
            println("exported " + pin.name() + " sha256 " + pin.sha256() + " -> " + target);
        }
        return 0;
    }
}
