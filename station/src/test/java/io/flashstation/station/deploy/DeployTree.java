package io.flashstation.station.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's deploy/ files from a test running in the station module. */
final class DeployTree {

    private DeployTree() {
    }

    /** The repository root: Maven runs the station's tests with station/ as the working directory. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("deploy"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no deploy/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** A file under deploy/, e.g. {@code deploy("systemd", "flash-station.service")}. */
    static Path deploy(String first, String... more) {
        return root().resolve("deploy").resolve(Path.of(first, more));
    }
}
