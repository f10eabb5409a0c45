package io.flashstation.station.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.pin.PinFile;
import io.flashstation.firmware.pin.PinSet;
import io.flashstation.station.daemon.RunningStation;
import io.flashstation.station.image.PinnedImage;
import io.flashstation.station.image.StationImage;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /api/firmware}: the image the slots flash, the pins it can be switched to, and the switch. A switch holds
 * until the daemon restarts (which flashes the pin file's active pin, or station.firmware.pin, again); boards in
 * flight finish with the image they started with.
 */
@Path("/api/firmware")
@Produces(MediaType.APPLICATION_JSON)
public class FirmwareResource {

    private static final String PIN_FILE = "firmware.json";
    private static final int SHORT_DIGEST = 12;

    private final RunningStations stations;
    private final ControlToken token;
    private final ObjectMapper json;

    public FirmwareResource(RunningStations stations, ControlToken token, ObjectMapper json) {
        this.stations = stations;
        this.token = token;
        this.json = json;
    }

    @GET
    public Firmware firmware() {
        RunningStation station = stations.require();
        return describe(station.image(), pins(station));
    }

    /** Switches every slot to the pin named in {@code {"pin": "name"}} from its next board on. */
    @POST
    @Path("active")
    @Consumes(MediaType.WILDCARD)
    public Firmware switchTo(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body) {
        token.check(authorization);
        String name = pinName(body);
        RunningStation station = stations.require();
        PinSet pins = pins(station);
        if (pins.find(name).isEmpty()) {
            throw ApiException.notFound("no pin is named '" + name + "'; GET /api/firmware lists the pinned entries");
        }
        StationImage image;
        try {
            image = PinnedImage.load(station.stateDir(), Optional.of(name), station.settings().circuitPyPolicy())
                    .orElseThrow();
        } catch (FirmwareException | IOException e) {
            throw new ApiException(Response.Status.CONFLICT, "pin '" + name + "' cannot be flashed: " + e.getMessage()
                    + " (fetch or import its image first: flash-station firmware fetch --pin " + name + ")");
        }
        station.switchImage(image);
        return describe(image, pins);
    }

    private String pinName(String body) {
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            request = null;
        }
        JsonNode pin = request == null ? null : request.get("pin");
        if (pin == null || !pin.isTextual() || pin.asText().isBlank()) {
            throw ApiException.badRequest("send the pin to switch to as JSON: {\"pin\": \"name\"}");
        }
        return pin.asText().trim();
    }

    private static PinSet pins(RunningStation station) {
        try {
            return PinFile.read(station.stateDir().resolve(PIN_FILE));
        } catch (FirmwareException e) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, "the pin file cannot be read: "
                    + e.getMessage());
        }
    }

    private static Firmware describe(StationImage image, PinSet pins) {
        List<Pin> entries = pins.pins().stream().map(pin -> new Pin(pin.name(), pin.version(), pin.board(),
                pin.format().name().toLowerCase(Locale.ROOT),
                pin.pinnedSha256().map(d -> d.hex()),
                pin.name().equals(pins.activeName()), flashes(pin, image))).toList();
        Optional<String> current = entries.stream().filter(Pin::flashing).map(Pin::name).findFirst();
        return new Firmware(image.version(), image.sha256(), image.sha256().substring(0, SHORT_DIGEST),
                image.description(), current, entries);
    }

    // a pin's digest is of the file it names, as is the image's: equal digest and version is the same firmware
    private static boolean flashes(FirmwarePin pin, StationImage image) {
        return pin.version().equals(image.version())
                && pin.pinnedSha256().map(d -> d.hex().equals(image.sha256())).orElse(false);
    }

    /**
     * What the slots flash now, and the pins they could flash.
     *
     * @param version     the firmware version (or the simulator's demo image name)
     * @param sha256      the image file's digest
     * @param shortSha256 its first twelve hex digits, for narrow displays
     * @param description where the image came from, in one line
     * @param pin         the pin being flashed, when it is one of the pin file's entries
     * @param pins        every pinned entry, for switching
     */
    public record Firmware(String version, String sha256, String shortSha256, String description,
            Optional<String> pin, List<Pin> pins) {
    }

    /**
     * One pinned entry.
     *
     * @param active   the pin file's active pin (what a restart flashes unless station.firmware.pin says otherwise)
     * @param flashing the pin the slots flash now
     */
    public record Pin(String name, String version, String board, String format, Optional<String> sha256,
            boolean active, boolean flashing) {
    }
}
