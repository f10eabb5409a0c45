package io.flashstation.firmware.pin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.firmware.digest.Sha256;
import io.flashstation.firmware.image.Hex;
import io.flashstation.firmware.image.ImageFormat;
import io.flashstation.firmware.image.ImageReader;
import io.flashstation.firmware.store.AtomicFiles;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the pin file ({@code firmware.json}). The format is documented in the module README; reading is
 * strict (unknown fields, missing fields and bad values are errors naming the pin) because a typo in a pin must
 * never turn into flashing something else.
 */
public final class PinFile {

    /** The only format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Set<String> TOP_FIELDS = Set.of("format_version", "active", "pins");
    private static final Set<String> PIN_FIELDS =
            Set.of("name", "board", "version", "locale", "format", "url", "sha256", "base_address");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PinFile() {
    }

    /** The pins in {@code file}; a missing file is an empty set (a station not yet told what to flash). */
    public static PinSet read(Path file) throws PinFileException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return PinSet.EMPTY;
        } catch (IOException e) {
            throw new PinFileException("cannot read pin file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(JSON.readTree(bytes));
        } catch (JsonProcessingException e) {
            throw new PinFileException("pin file " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PinFileException("cannot read pin file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new PinFileException("pin file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces {@code file} atomically with {@code pins}. */
    public static void write(Path file, PinSet pins) throws PinFileException {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(toJson(pins)));
        } catch (IOException e) {
            throw new PinFileException("cannot write pin file " + file + ": " + e.getMessage(), e);
        }
    }

    static PinSet parse(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("the top level must be an object");
        }
        rejectUnknownFields(root, TOP_FIELDS, "the top level");
        int version = root.path("format_version").asInt(-1);
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("format_version must be " + FORMAT_VERSION + ", found "
                    + root.path("format_version"));
        }
        JsonNode pinsNode = root.path("pins");
        if (!pinsNode.isArray()) {
            throw new IllegalArgumentException("'pins' must be an array");
        }
        List<FirmwarePin> pins = new ArrayList<>();
        for (int i = 0; i < pinsNode.size(); i++) {
            try {
                pins.add(parsePin(pinsNode.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pin #" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        JsonNode active = root.path("active");
        return new PinSet(pins, active.isTextual() ? active.asText() : null);
    }

    private static FirmwarePin parsePin(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be an object");
        }
        rejectUnknownFields(node, PIN_FIELDS, "the pin");
        String sha256 = optionalText(node, "sha256");
        String url = optionalText(node, "url");
        String baseAddress = optionalText(node, "base_address");
        return new FirmwarePin(
                optionalText(node, "name"),
                requiredText(node, "board"),
                requiredText(node, "version"),
                requiredText(node, "locale"),
                ImageFormat.parse(requiredText(node, "format")),
                url == null ? null : URI.create(url),
                sha256 == null ? null : Sha256.parse(sha256),
                baseAddress == null ? ImageReader.DEFAULT_BIN_BASE_ADDRESS : parseAddress(baseAddress));
    }

    /** Parses {@code 0x08000000}-style (or decimal) addresses as operators write them. */
    public static long parseAddress(String text) {
        String trimmed = text.trim().replace("_", "");
        try {
            return trimmed.regionMatches(true, 0, "0x", 0, 2)
                    ? Long.parseLong(trimmed.substring(2), 16) : Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an address: '" + text + "'", e);
        }
    }

    private static ObjectNode toJson(PinSet pins) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format_version", FORMAT_VERSION);
        root.put("active", pins.activeName());
        ArrayNode array = root.putArray("pins");
        for (FirmwarePin pin : pins.pins()) {
            ObjectNode node = array.addObject();
            node.put("name", pin.name());
            node.put("board", pin.board());
            node.put("version", pin.version());
            node.put("locale", pin.locale());
            node.put("format", pin.format().extension());
            node.put("url", pin.url().toString());
            pin.pinnedSha256().ifPresent(digest -> node.put("sha256", digest.hex()));
            node.put("base_address", Hex.address(pin.baseAddress()));
        }
        return root;
    }

    private static void rejectUnknownFields(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + " has an unknown field '" + name + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String requiredText(JsonNode node, String field) {
        String value = optionalText(node, field);
        if (value == null) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return value;
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("'" + field + "' must be a string");
        }
        return value.asText();
    }
}
