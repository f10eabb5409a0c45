package io.flashstation.firmware.pin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The pins a station knows and the one it flashes. Several pins may be kept (so that switching back is one step)
 * but exactly one is active once any exists.
 */
public record PinSet(List<FirmwarePin> pins, String activeName) {

    /** An empty set: a station that has not been told which firmware to flash. */
    public static final PinSet EMPTY = new PinSet(List.of(), null);

    /** Names must be unique and the active name must name a pin; anything else is a corrupt pin file. */
    public PinSet {
        pins = List.copyOf(pins);
        Set<String> names = new HashSet<>();
        for (FirmwarePin pin : pins) {
            if (!names.add(pin.name())) {
                throw new IllegalArgumentException("two pins are named '" + pin.name() + "'");
            }
        }
        if (activeName != null && !names.contains(activeName)) {
            throw new IllegalArgumentException("the active pin '" + activeName + "' is not among the pins");
        }
        if (activeName == null && !pins.isEmpty()) {
            throw new IllegalArgumentException("pins exist but none is active");
        }
    }

    /** The pin the station flashes, if any. */
    public Optional<FirmwarePin> active() {
        return find(activeName);
    }

    /** The pin with this name. */
    public Optional<FirmwarePin> find(String name) {
        return pins.stream().filter(pin -> pin.name().equals(name)).findFirst();
    }

    /** Adds a pin or replaces the one with the same name; the first pin ever added becomes active. */
    public PinSet withPin(FirmwarePin pin) {
        List<FirmwarePin> updated = new ArrayList<>(pins);
        updated.replaceAll(existing -> existing.name().equals(pin.name()) ? pin : existing);
        if (find(pin.name()).isEmpty()) {
            updated.add(pin);
        }
        return new PinSet(updated, activeName == null ? pin.name() : activeName);
    }

    /** Makes the named pin the one the station flashes. */
    public PinSet activate(String name) {
        if (find(name).isEmpty()) {
            throw new IllegalArgumentException("no pin named '" + name + "'");
        }
        return new PinSet(pins, name);
    }
}
