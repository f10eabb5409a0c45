package io.flashstation.station.slot;

import java.util.Locale;

/** What flashes a slot's boards: our own drivers, OpenOCD, or our drivers with OpenOCD as the fallback. */
public enum Backend {
    NATIVE, OPENOCD, AUTO;

    /** The configuration spelling: native, openocd or auto. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
