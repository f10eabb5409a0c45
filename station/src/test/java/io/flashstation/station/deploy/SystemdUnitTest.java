package io.flashstation.station.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/systemd/flash-station.service: valid for systemd, hardened as far as USB allows (quarkus-usb4java.md §9). */
class SystemdUnitTest {

    private static final Path UNIT = DeployTree.deploy("systemd", "flash-station.service");
    private static final String DEBIAN_JAVA = "/usr/bin/java";
    private static final Pattern EXPOSURE =
            Pattern.compile("Overall exposure level for flash-station\\.service: (\\d+\\.\\d) (\\w+)");
    /** The daemon's default station.shutdown-timeout (the daemon's contract). */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private static UnitFile unit;

    @BeforeAll
    static void readUnit() throws Exception {
        unit = UnitFile.read(UNIT);
    }

    @Test
    void systemdAnalyzeVerifyFindsNothing(@TempDir Path dir) throws Exception {
        Path analyze = RequiredTool.find("systemd-analyze", "systemd");
        // verify checks that ExecStart's binary exists: the unit names Debian's /usr/bin/java; where the build runs
        // on a JDK installed elsewhere, the copy names that JVM instead (same check, a path that exists)
        String unitText = Files.readString(UNIT);
        if (!Files.isExecutable(Path.of(DEBIAN_JAVA))) {
            unitText = unitText.replace("ExecStart=" + DEBIAN_JAVA + " ",
                    "ExecStart=" + Path.of(System.getProperty("java.home"), "bin", "java") + " ");
        }
        Path copy = Files.writeString(dir.resolve("flash-station.service"), unitText);

        ToolRun run = ToolRun.run(30, analyze.toString(), "verify", copy.toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.stderr()).as(run.output()).isBlank();
    }

    @Test
    void verifyWouldCatchAMistake(@TempDir Path dir) throws Exception {
        Path analyze = RequiredTool.find("systemd-analyze", "systemd");
        Path broken = dir.resolve("flash-station.service");
        Files.writeString(broken, Files.readString(UNIT).replace("ProtectSystem=strict", "ProtectSystem=stricter"));

        ToolRun run = ToolRun.run(30, analyze.toString(), "verify", broken.toString());

        assertThat(run.stderr()).contains("stricter");
    }

    @Test
    void exposureRatingIsOkOrBetterAndMatchesTheOperationsGuide() throws Exception {
        Path analyze = RequiredTool.find("systemd-analyze", "systemd");

        ToolRun run = ToolRun.run(30, analyze.toString(), "security", "--offline=true", "--no-pager", UNIT.toString());

        Matcher m = EXPOSURE.matcher(run.stdout());
        assertThat(m.find()).as(run.output()).isTrue();
        double score = Double.parseDouble(m.group(1));
        // systemd's levels: OK below 5.0, SAFE below 1.0, PERFECT at 0.0; MEDIUM and worse from 5.0 up
        assertThat(m.group(2)).isIn("OK", "SAFE", "PERFECT");
        assertThat(score).isLessThan(5.0);
        String guide = Files.readString(DeployTree.root().resolve("docs/operations.md"));
        ToolRun version = ToolRun.run(30, analyze.toString(), "--version");
        String systemd = version.stdout().lines().findFirst().orElse("").replaceAll("^systemd (\\d+).*", "$1");
        if (guide.contains("systemd " + systemd + ")")) {
            assertThat(guide).contains("exposure " + m.group(1) + " " + m.group(2));
        }
    }

    @Test
    void runsAsItsOwnUserWithAStateDirectoryAndTheInstalledConfig() {
        assertThat(unit.value("Service", "User")).isEqualTo("flash-station");
        assertThat(unit.value("Service", "Group")).isEqualTo("flash-station");
        assertThat(unit.value("Service", "DynamicUser")).isNull(); // udev rules need a stable group
        assertThat(unit.value("Service", "StateDirectory")).isEqualTo("flash-station");
        assertThat(unit.all("Service", "Environment"))
                .contains("QUARKUS_CONFIG_LOCATIONS=/etc/flash-station/application.properties");
        assertThat(unit.value("Service", "ExecStart")).startsWith(DEBIAN_JAVA + " ")
                .endsWith("-jar /opt/flash-station/quarkus-run.jar daemon");
    }

    @Test
    void restartsOnFailureWithinALimitAndStopsAfterTheDaemonsShutdownTimeout() {
        assertThat(unit.value("Service", "Restart")).isEqualTo("on-failure");
        assertThat(unit.value("Unit", "StartLimitBurst")).isNotNull();
        assertThat(unit.value("Unit", "StartLimitIntervalSec")).isNotNull();
        assertThat(seconds(unit.value("Service", "TimeoutStopSec"))).isGreaterThan(SHUTDOWN_TIMEOUT);
        assertThat(unit.value("Service", "KillSignal")).isEqualTo("SIGTERM");
        // the JVM's exit status after its SIGTERM shutdown hooks ran
        assertThat(unit.value("Service", "SuccessExitStatus")).contains("143");
    }

    @Test
    void keepsTheHardeningThatUsbAndTheJvmTolerateAndNothingThatBreaksThem() {
        // quarkus-usb4java.md §9: these break USB access, the JIT, or hotplug
        assertThat(unit.value("Service", "PrivateDevices")).isNull();
        assertThat(unit.value("Service", "MemoryDenyWriteExecute")).isNull();
        assertThat(unit.value("Service", "PrivateNetwork")).isNull();
        assertThat(List.of(unit.value("Service", "RestrictAddressFamilies").split(" ")))
                .containsExactlyInAnyOrder("AF_UNIX", "AF_INET", "AF_INET6", "AF_NETLINK");
        assertThat(unit.value("Service", "DevicePolicy")).isEqualTo("closed");
        assertThat(unit.all("Service", "DeviceAllow")).containsExactlyInAnyOrder("char-usb_device rw", "char-hidraw rw");
        assertThat(unit.value("Service", "NoNewPrivileges")).isEqualTo("yes");
        assertThat(unit.value("Service", "ProtectSystem")).isEqualTo("strict");
        assertThat(unit.value("Service", "PrivateTmp")).isEqualTo("yes");
        // usb4java unpacks libusb into java.io.tmpdir and loads it from there: point it at the service's cache
        // directory, which ProtectSystem=strict leaves writable and which is not a noexec /tmp (§7.1, §9)
        assertThat(unit.value("Service", "ExecStart")).contains("-Djava.io.tmpdir=/var/cache/flash-station");
        assertThat(unit.value("Service", "CacheDirectory")).isEqualTo("flash-station");
    }

    private static Duration seconds(String systemdTime) {
        Matcher m = Pattern.compile("(\\d+)(s|min)?").matcher(systemdTime);
        assertThat(m.matches()).as(systemdTime).isTrue();
        long n = Long.parseLong(m.group(1));
        return "min".equals(m.group(2)) ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
    }
}
