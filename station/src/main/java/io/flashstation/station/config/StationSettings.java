package io.flashstation.station.config;

import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.openocd.OpenOcdInstallation;
import io.flashstation.probe.openocd.OpenOcdSettings;
import io.flashstation.probe.openocd.OpenOcdTransport;
import io.flashstation.probe.target.Stm32F4Family;
import io.flashstation.station.image.CircuitPyPolicy;
import io.flashstation.station.slot.Backend;
import io.flashstation.station.slot.OpenOcdBackend;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The station's configuration checked and turned into what the daemon works with. Every mistake is reported with
 * the key it concerns and what that key allows, before anything starts.
 */
public final class StationSettings {

    private static final int MAX_WIRE_RETRIES = 10;
    private static final int MAX_SWD_KHZ = 100_000;

    private final StationConfig config;

    private StationSettings(StationConfig config) {
        this.config = config;
    }

    /** Checks {@code config}. */
    public static StationSettings check(StationConfig config) {
        StationSettings settings = new StationSettings(config);
        settings.stationId();
        config.central().jdbcUrl().filter(url -> !url.startsWith("jdbc:postgresql://")).ifPresent(url -> {
            throw new ConfigProblem("station.central.jdbc-url", url, "a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://host:5432/results");
        });
        settings.acceptedFamilies();
        settings.stlinkTransport();
        requireDuration("station.openocd.timeout", config.openocd().timeout(), Duration.ofSeconds(5),
                Duration.ofHours(1));
        requireRange("station.swd-clock-khz", config.swdClockKhz(), 0, MAX_SWD_KHZ,
                "0 (each probe's fastest clock) or a clock in kHz up to " + MAX_SWD_KHZ);
        requireRange("station.policy.wire-retries", config.policy().wireRetries(), 0, MAX_WIRE_RETRIES,
                "a whole number of retries from 0 to " + MAX_WIRE_RETRIES);
        requireDuration("station.poll-interval", config.pollInterval(), Duration.ofMillis(10), Duration.ofMinutes(1));
        requireDuration("station.shutdown-timeout", config.shutdownTimeout(), Duration.ZERO, Duration.ofHours(1));
        return settings;
    }

    /** The station id: configured, else the host name. */
    public String stationId() {
        String id = idOf(config);
        if (id.isEmpty() || id.length() > 100 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new ConfigProblem("station.id", "'" + id + "'", "1 to 100 printable characters without spaces");
        }
        return id;
    }

    /** What a flash session may do, from the policy keys. */
    public FlashPolicy flashPolicy(boolean preservesSectors) {
        return FlashPolicy.defaults().withSwdClockHz(config.swdClockKhz() * 1000L)
                .withAcceptedFamilies(acceptedFamilies())
                .withMassErase(config.policy().massErase() && !preservesSectors)
                .withRdpRegression(config.policy().unlockReadProtection());
    }

    public CircuitPyPolicy circuitPyPolicy() {
        return config.policy().circuitpy();
    }

    public int wireRetries() {
        return config.policy().wireRetries();
    }

    public Duration pollInterval() {
        return config.pollInterval();
    }

    public Duration shutdownTimeout() {
        return config.shutdownTimeout();
    }

    public StationConfig config() {
        return config;
    }

    /** Per-slot settings by serial or port key. */
    public Map<String, SlotConfig> slots() {
        Map<String, SlotConfig> slots = new LinkedHashMap<>();
        config.slot().forEach((key, slot) -> slots.put(key, new SlotConfig(slot.name(), slot.enabled(),
                slot.backend())));
        return slots;
    }

    public Backend backend() {
        return config.backend();
    }

    /**
     * OpenOCD as configured and found on this machine; empty when it is not installed (the station then flashes
     * natively only, and says so in its health). {@code stlinkServerPort} points it at the simulator's ST-Links.
     */
    public Optional<OpenOcdBackend> openOcd(OptionalInt stlinkServerPort) {
        StationConfig.OpenOcd openocd = config.openocd();
        OpenOcdSettings settings = OpenOcdSettings.defaults().withExecutable(openocd.executable())
                .withTimeout(openocd.timeout()).withStlinkTransport(stlinkTransport());
        if (stlinkServerPort.isPresent()) {
            settings = settings.withStlinkServer(stlinkServerPort.getAsInt());
        }
        OpenOcdSettings chosen = settings;
        return OpenOcdInstallation.available(chosen).map(found -> new OpenOcdBackend(chosen, found));
    }

    private OpenOcdTransport stlinkTransport() {
        String name = config.openocd().stlinkTransport();
        return OpenOcdSettings.stlinkTransportNamed(name).orElseThrow(() -> new ConfigProblem(
                "station.openocd.stlink-transport", name, "hla_swd or dapdirect_swd"));
    }

    private Set<Stm32F4Family> acceptedFamilies() {
        List<String> lines = config.acceptedParts().stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).toList();
        Set<String> known = Arrays.stream(Stm32F4Family.values()).map(Stm32F4Family::line)
                .collect(Collectors.toCollection(TreeSet::new));
        EnumSet<Stm32F4Family> families = EnumSet.noneOf(Stm32F4Family.class);
        for (String line : lines) {
            if (!known.contains(line)) {
                throw new ConfigProblem("station.accepted-parts", "'" + line + "'",
                        "a comma-separated list of " + String.join(", ", known));
            }
            Arrays.stream(Stm32F4Family.values()).filter(f -> f.line().equals(line)).forEach(families::add);
        }
        return families;
    }

    private static void requireRange(String key, int value, int min, int max, String allowed) {
        if (value < min || value > max) {
            throw new ConfigProblem(key, Integer.toString(value), allowed);
        }
    }

    private static void requireDuration(String key, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigProblem(key, value.toString(), "a duration from " + min + " to " + max
                    + " (e.g. 250ms, 30s)");
        }
    }

    /** The station id as configured, else the host name, unchecked (the metrics tag it before start-up checks). */
    public static String idOf(StationConfig config) {
        return config.id().orElseGet(StationSettings::hostName).trim();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "station";
        }
    }
}
