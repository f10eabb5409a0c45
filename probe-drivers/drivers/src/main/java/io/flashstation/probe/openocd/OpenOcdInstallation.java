package io.flashstation.probe.openocd;

import io.flashstation.probe.ProbeKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an installed OpenOCD can do for the station: its version, and the probe kinds it can drive (it has the
 * interface configuration and was built with the driver). Health reports it; {@code auto} selection sends a probe
 * to OpenOCD only when {@link #drives} says so.
 *
 * @param executable the binary asked
 * @param version    the version it reports, e.g. "0.12.0"
 * @param kinds      the probe kinds it can drive with the settings' ST-Link transport
 */
public record OpenOcdInstallation(Path executable, String version, Set<ProbeKind> kinds) {

    /** OpenOCD's banner, "Open On-Chip Debugger 0.12.0" (src/openocd.c), with any package suffix. */
    private static final Pattern BANNER = Pattern.compile("^Open On-Chip Debugger (\\S+)");
    /** One line of {@code adapter list}: "24: cmsis-dap" (src/jtag/adapter.c). */
    private static final Pattern ADAPTER = Pattern.compile("^\\d+: (\\S+)$");
    private static final String FOUND = ScriptMarkers.PREFIX + " found ";

    public OpenOcdInstallation {
        kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
    }

    /** Whether this OpenOCD can drive probes of {@code kind}. */
    public boolean drives(ProbeKind kind) {
        return kinds.contains(kind);
    }

    /**
     * Asks the configured OpenOCD, without touching any probe, for its version, its compiled-in adapter drivers and
     * which interface configurations it finds on its search path (with the settings' extra directories). Empty when
     * it cannot be started or does not answer within the settings' timeout.
     */
    public static Optional<OpenOcdInstallation> available(OpenOcdSettings settings) {
        List<String> command = new ArrayList<>();
        command.add(settings.executable().toString());
        for (Path dir : settings.searchDirs()) {
            command.add("-s");
            command.add(dir.toString());
        }
        Set<String> configs = new HashSet<>();
        for (ProbeKind kind : ProbeKind.values()) {
            configs.add(OpenOcdAdapter.forProbe(kind, settings.stlinkTransport()).interfaceConfig());
        }
        command.add("-c");
        command.add("adapter list");
        command.add("-c");
        command.add("foreach f {" + String.join(" ", configs.stream().sorted().toList()) + "} { "
                + "if {![catch {find $f}]} { echo \"" + FOUND + "$f\" } }");
        command.add("-c");
        command.add("shutdown");
        List<String> lines = new ArrayList<>();
        OpenOcdRunner.Outcome outcome = OpenOcdRunner.run(new OpenOcdInvocation(command), settings.timeout(),
                lines::add);
        if (outcome.ending() != OpenOcdRunner.Ending.EXITED) {
            return Optional.empty();
        }
        return parse(settings, lines);
    }

    /** Reads the answer of {@link #available}'s query; empty when it is not OpenOCD's. */
    static Optional<OpenOcdInstallation> parse(OpenOcdSettings settings, List<String> lines) {
        String version = null;
        Set<String> drivers = new HashSet<>();
        Set<String> found = new HashSet<>();
        for (String line : lines) {
            Matcher m;
            if (version == null && (m = BANNER.matcher(line)).find()) {
                version = m.group(1);
            } else if ((m = ADAPTER.matcher(line.trim())).matches()) {
                drivers.add(m.group(1));
            } else if (line.startsWith(FOUND)) {
                found.add(line.substring(FOUND.length()).trim());
            }
        }
        if (version == null) {
            return Optional.empty();
        }
        Set<ProbeKind> kinds = EnumSet.noneOf(ProbeKind.class);
        for (ProbeKind kind : ProbeKind.values()) {
            OpenOcdAdapter adapter = OpenOcdAdapter.forProbe(kind, settings.stlinkTransport());
            if (drivers.contains(adapter.driverName()) && found.contains(adapter.interfaceConfig())) {
                kinds.add(kind);
            }
        }
        return Optional.of(new OpenOcdInstallation(settings.executable(), version, kinds));
    }
}
