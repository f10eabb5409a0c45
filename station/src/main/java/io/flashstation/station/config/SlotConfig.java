package io.flashstation.station.config;

import java.util.Optional;

/**
 * What the configuration says about one slot, keyed by probe serial or USB port path.
 *
 * @param name    the name to show instead of the serial or port
 * @param enabled false to leave the probe alone
 */
public record SlotConfig(Optional<String> name, boolean enabled) {

    /** A slot the configuration does not mention. */
    public static final SlotConfig DEFAULT = new SlotConfig(Optional.empty(), true);
}
