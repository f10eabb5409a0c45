package io.flashstation.station.slot;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeException;

/** Opens the slot's probe through its driver; called again after OpenOCD had the probe to itself. */
@FunctionalInterface
public interface ProbeOpener {

    DebugProbe open() throws ProbeException;
}
