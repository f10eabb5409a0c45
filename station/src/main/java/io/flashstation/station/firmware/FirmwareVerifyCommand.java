package io.flashstation.station.firmware;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.firmware.EntryStatus;
import io.flashstation.firmware.FirmwareCache;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.image.FirmwareImage;
import io.flashstation.firmware.image.ImageFormatException;
import io.flashstation.firmware.image.ImageProblem;
import io.flashstation.firmware.image.ImageRejectedException;
import io.flashstation.firmware.image.TargetMemory;
import io.flashstation.firmware.pin.FirmwarePin;
import io.flashstation.firmware.pin.PinSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code firmware verify}: re-hashes cached images against their pins and runs the pre-flash checks for the
 * STM32F411xE, the same ones the station runs before touching a board. Exit code 1 if any checked pin would fail.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-verify cached images and check they can be flashed on an STM32F411xE.")
public class FirmwareVerifyCommand extends FirmwareSubcommand {

    @Parameters(arity = "0..1", paramLabel = "PIN", description = "Pin name (default: the active pin).")
    String pinName;

    @Option(names = "--all", description = "Verify every pin, not just one.")
    boolean all;

    /** The verdict for one pin. */
    private record Verdict(FirmwarePin pin, EntryStatus status, FirmwareImage image, List<String> problems) {
        boolean ok() {
            return status == EntryStatus.VERIFIED && problems.isEmpty();
        }
    }

    @Override
    int run() throws FirmwareException, IOException {
        PinSet pins = options.readPins();
        List<FirmwarePin> selected = all ? pins.pins() : List.of(options.select(pins, pinName));
        FirmwareCache cache = options.openCache(false);
        List<Verdict> verdicts = new ArrayList<>();
        for (FirmwarePin pin : selected) {
            verdicts.add(verify(cache, pin));
        }
        boolean ok = verdicts.stream().allMatch(Verdict::ok);
        if (options.json()) {
            ObjectNode root = JSON.createObjectNode();
            root.put("ok", ok);
            ArrayNode array = root.putArray("pins");
            for (Verdict verdict : verdicts) {
                ObjectNode node = array.addObject();
                node.put("name", verdict.pin().name());
                node.put("status", verdict.status().name());
                node.put("sha256", verdict.pin().sha256() == null ? null : verdict.pin().sha256().hex());
                if (verdict.image() != null) {
                    node.put("segments", verdict.image().segments().size());
                    node.put("bytes", verdict.image().totalSize());
                }
                verdict.problems().forEach(node.putArray("problems")::add);
            }
            printJson(root);
        } else {
            for (Verdict verdict : verdicts) {
                println(describe(verdict));
                verdict.problems().forEach(problem -> println("    " + problem));
            }
        }
        return ok ? 0 : FAILED;
    }

    private static Verdict verify(FirmwareCache cache, FirmwarePin pin) throws IOException, FirmwareException {
        EntryStatus status = cache.status(pin);
        if (status != EntryStatus.VERIFIED) {
            return new Verdict(pin, status, null, List.of());
        }
        try {
            return new Verdict(pin, status, cache.load(pin, TargetMemory.STM32F411XE), List.of());
        } catch (ImageRejectedException e) {
            return new Verdict(pin, status, null, e.problems().stream().map(ImageProblem::message).toList());
        } catch (ImageFormatException e) {
            return new Verdict(pin, status, null, List.of(e.getMessage()));
        }
    }

    private static String describe(Verdict verdict) {
        FirmwarePin pin = verdict.pin();
        return switch (verdict.status()) {
            case UNPINNED -> pin.name() + ": no sha256 pinned; not flashable";
            case MISSING -> pin.name() + ": not in the cache (sha256 " + pin.sha256().shortForm()
                    + "); run `flash-station firmware fetch` or `firmware import FILE`";
            case CORRUPT -> pin.name() + ": cache entry was corrupt and has been moved aside; fetch or import again";
            case VERIFIED -> verdict.problems().isEmpty()
                    ? pin.name() + ": verified sha256 " + pin.sha256() + ", " + verdict.image().totalSize()
                    + " bytes in " + verdict.image().segments().size() + " segment(s), flashable on "
                    + TargetMemory.STM32F411XE.name()
                    : pin.name() + ": verified sha256 " + pin.sha256() + " but NOT flashable on "
                    + TargetMemory.STM32F411XE.name() + ":";
        };
    }
}
