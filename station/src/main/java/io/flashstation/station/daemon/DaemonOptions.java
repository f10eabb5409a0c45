package io.flashstation.station.daemon;

import io.flashstation.station.sim.SimulatedLab;
import java.util.Optional;

/**
 * How the daemon was asked to run.
 *
 * @param simulation the virtual lab to run on instead of the USB bus, for {@code --simulate}
 */
public record DaemonOptions(Optional<SimulatedLab.SimSettings> simulation) {
}
