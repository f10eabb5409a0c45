package io.flashstation.station.config;

import io.flashstation.station.image.CircuitPyPolicy;
import io.flashstation.station.slot.Backend;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The station's settings ({@code station.*}); config/application.properties documents every key. */
@ConfigMapping(prefix = "station")
public interface StationConfig {

    /** The station's name in results and metrics; the host name when unset. */
    Optional<String> id();

    /** Where the results database and firmware live; see {@link StationPaths} for the default. */
    Optional<Path> stateDir();

    /** The pin to flash, by name; the active pin of the pin file when unset. */
    @WithName("firmware.pin")
    Optional<String> firmwarePin();

    /**
     * The bearer token the API's control actions (pause, resume, re-flash, firmware switch) require; unset switches
     * those actions off. Read-only views never need it.
     */
    @WithName("api.token")
    Optional<String> apiToken();

    /** The fastest SWD clock to use in kHz; 0 lets each probe run at its maximum. */
    @WithName("swd-clock-khz")
    @WithDefault("0")
    int swdClockKhz();

    /** The product lines the image is for (STM32F411, STM32F401); any other chip fails as the wrong chip. */
    @WithDefault("STM32F411")
    List<String> acceptedParts();

    /** What flashes boards: native (our drivers), openocd, or auto (native, OpenOCD once after a driver failure). */
    @WithDefault("auto")
    Backend backend();

    /** How OpenOCD is run when it flashes. */
    OpenOcd openocd();

    /** What a slot may do to a board. */
    Policy policy();

    /** How often an idle slot looks into its fixture. */
    @WithDefault("250ms")
    Duration pollInterval();

    /** How long boards in flight may take to finish when the service stops, before they are aborted. */
    @WithDefault("30s")
    Duration shutdownTimeout();

    /** The fleet's central PostgreSQL database, when results are also to be kept there. */
    Central central();

    /** Per-slot settings, keyed by probe serial or {@code port-<usb port path>}. */
    Map<String, Slot> slot();

    /** What a slot may do to a board. */
    interface Policy {

        /** Unlock a board at read-protection level 1 (this mass-erases it); else it fails READ_PROTECTED. */
        @WithDefault("false")
        boolean unlockReadProtection();

        /** How many times a board is retried, at half the SWD clock each time, after a wire error or timeout. */
        @WithDefault("2")
        int wireRetries();

        /** What to do with CircuitPython's filesystem sectors: write, erase or preserve. */
        @WithDefault("write")
        CircuitPyPolicy circuitpy();

        /** Allow a mass erase where it is quicker than erasing sector by sector (never with circuitpy=preserve). */
        @WithDefault("true")
        boolean massErase();
    }

    /** Where the fleet's results go: every row is committed locally first and forwarded in the background. */
    interface Central {

        /** {@code jdbc:postgresql://host:5432/results}; unset keeps results on this station only. */
        Optional<String> jdbcUrl();

        @WithDefault("flashstation")
        String user();

        Optional<String> password();

        /** How often the forwarder retries while the central database is away. */
        @WithDefault("10s")
        Duration retryInterval();
    }

    /** How OpenOCD is run. */
    interface OpenOcd {

        @WithDefault("/usr/bin/openocd")
        Path executable();

        /** A run that takes longer is killed and its board fails TIMEOUT. */
        @WithDefault("120s")
        Duration timeout();

        /** ST-Link transport: hla_swd or dapdirect_swd. */
        @WithDefault("hla_swd")
        String stlinkTransport();
    }

    /** One slot's settings. */
    interface Slot {

        /** The name to show for this slot. */
        Optional<String> name();

        /** False leaves this probe alone. */
        @WithDefault("true")
        boolean enabled();

        /** What flashes this slot's boards, instead of station.backend. */
        Optional<Backend> backend();
    }
}
