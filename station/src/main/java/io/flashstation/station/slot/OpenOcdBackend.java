package io.flashstation.station.slot;

import io.flashstation.probe.ProbeKind;
import io.flashstation.probe.openocd.OpenOcdInstallation;
import io.flashstation.probe.openocd.OpenOcdSettings;

/**
 * OpenOCD as the station found it: how to run it and which probe classes it can drive.
 *
 * @param settings     executable, timeout, transport, stlink-server port
 * @param installation what the installed OpenOCD reported about itself
 */
public record OpenOcdBackend(OpenOcdSettings settings, OpenOcdInstallation installation) {

    /** Whether OpenOCD has an interface for {@code kind}. */
    public boolean drives(ProbeKind kind) {
        return installation.drives(kind);
    }
}
