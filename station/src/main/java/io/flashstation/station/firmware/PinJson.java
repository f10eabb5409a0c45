package io.flashstation.station.firmware;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.firmware.image.Hex;
import io.flashstation.firmware.pin.FirmwarePin;

/** One pin as the {@code --json} output of every firmware subcommand shows it. */
final class PinJson {

    private PinJson() {
    }

    static ObjectNode of(FirmwarePin pin) {
        ObjectNode node = FirmwareSubcommand.JSON.createObjectNode();
        node.put("name", pin.name());
        node.put("board", pin.board());
        node.put("version", pin.version());
        node.put("locale", pin.locale());
        node.put("format", pin.format().extension());
        node.put("url", pin.url().toString());
        node.put("sha256", pin.sha256() == null ? null : pin.sha256().hex());
        node.put("base_address", Hex.address(pin.baseAddress()));
        return node;
    }
}
