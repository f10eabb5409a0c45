package io.flashstation.firmware;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where firmware state lives unless the operator says otherwise: under the service's state directory, which
 * systemd passes as {@code STATE_DIRECTORY} (the first entry when it lists several), else /var/lib/flash-station.
 */
public final class FirmwarePaths {

    /** The state directory when systemd did not name one. */
    public static final Path FALLBACK_STATE_DIRECTORY = Path.of("/var/lib/flash-station");

    private FirmwarePaths() {
    }

    /** The service's state directory as the environment gives it. */
    public static Path stateDirectory(Map<String, String> environment) {
        String fromSystemd = environment.get("STATE_DIRECTORY");
        if (fromSystemd == null || fromSystemd.isBlank()) {
            return FALLBACK_STATE_DIRECTORY;
        }
        return Path.of(fromSystemd.split(":")[0]);
    }

    /** The content-addressed store's root. */
    public static Path cacheDirectory(Map<String, String> environment) {
        return stateDirectory(environment).resolve("firmware-cache");
    }

    /** The pin file. */
    public static Path pinFile(Map<String, String> environment) {
        return stateDirectory(environment).resolve("firmware.json");
    }
}
