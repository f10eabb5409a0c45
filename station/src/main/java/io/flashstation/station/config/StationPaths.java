package io.flashstation.station.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the station keeps its state: {@code station.state-dir} when set; else the directory systemd names in
 * {@code STATE_DIRECTORY}; else {@code $XDG_STATE_HOME/flash-station}, i.e. {@code ~/.local/state/flash-station}.
 */
public final class StationPaths {

    private StationPaths() {
    }

    /** The state directory for {@code configured} and the process environment {@code env}. */
    public static Path stateDirectory(Optional<Path> configured, Map<String, String> env) {
        if (configured.isPresent()) {
            return configured.get();
        }
        String systemd = env.get("STATE_DIRECTORY");
        if (systemd != null && !systemd.isBlank()) {
            return Path.of(systemd.split(":")[0]);
        }
        String xdg = env.get("XDG_STATE_HOME");
        Path stateHome = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "state");
        return stateHome.resolve("flash-station");
    }

    /** The state directory as this process is configured. */
    public static Path stateDirectory() {
        Optional<Path> configured = ConfigProvider.getConfig()
                .getOptionalValue("station.state-dir", Path.class);
        return stateDirectory(configured, System.getenv());
    }
}
