package io.flashstation.station.firmware;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.firmware.EntryStatus;
import io.flashstation.firmware.FirmwareCache;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.pin.PinSet;
import picocli.CommandLine.Command;

import java.io.IOException;

/** {@code firmware list}: the pins, which one is active, and whether each is in the cache and intact. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the pinned firmware images and their cache status.")
public class FirmwareListCommand extends FirmwareSubcommand {

    @Override
    int run() throws FirmwareException, IOException {
        PinSet pins = options.readPins();
        FirmwareCache cache = options.openCache(false);
        if (options.json()) {
            ObjectNode root = JSON.createObjectNode();
            root.put("pin_file", options.pinFile().toString());
            root.put("cache", options.cacheDirectory().toString());
            root.put("active", pins.activeName());
            ArrayNode array = root.putArray("pins");
            for (FirmwarePin pin : pins.pins()) {
                ObjectNode node = PinJson.of(pin);
                node.put("active", pin.name().equals(pins.activeName()));
                node.put("status", cache.status(pin).name());
                array.add(node);
            }
            printJson(root);
            return 0;
        }
        if (pins.pins().isEmpty()) {
            println("no firmware pinned in " + options.pinFile()
                    + "; pin one with `flash-station firmware pin --circuitpython VERSION`");
            return 0;
        }
        for (FirmwarePin pin : pins.pins()) {
            EntryStatus status = cache.status(pin);
            println(String.format("%s %-40s %-9s %s %s", pin.name().equals(pins.activeName()) ? "*" : " ",
                    pin.name(), status, pin.sha256() == null ? "(no sha256)" : pin.sha256().shortForm(),
                    pin.url()));
        }
        return 0;
    }
}
