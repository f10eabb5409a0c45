package io.flashstation.station.deploy;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/** An executable a test drives for real; in CI (FLASHSTATION_CI=1) its absence fails the test, elsewhere skips it. */
final class RequiredTool {

    private RequiredTool() {
    }

    /** The absolute path of {@code name} on PATH; {@code debianPackage} names what .ci/run installs for it. */
    static Path find(String name, String debianPackage) {
        Optional<Path> found = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .map(dir -> Path.of(dir, name)).filter(Files::isExecutable).findFirst();
        if (found.isEmpty() && System.getenv("FLASHSTATION_CI") != null) {
            fail(name + " is not installed; .ci/run must install Debian's " + debianPackage + " package");
        }
        assumeTrue(found.isPresent(), name + " is not installed (Debian package " + debianPackage + ")");
        return found.get();
    }
}
