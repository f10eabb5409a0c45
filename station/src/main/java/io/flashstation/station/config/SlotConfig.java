package io.flashstation.station.config;

import io.flashstation.station.slot.Backend;
import java.util.Optional;

/**
 * What the configuration says about one slot, keyed by probe serial or USB port path.
 *
 * @param name    the name to show instead of the serial or port
 * @param enabled false to leave the probe alone
 * @param backend what flashes this slot's boards, when not the station's default
 */
public record SlotConfig(Optional<String> name, boolean enabled, Optional<Backend> backend) {

    /** A slot the configuration does not mention. */
    public static final SlotConfig DEFAULT = new SlotConfig(Optional.empty(), true, Optional.empty());
}
