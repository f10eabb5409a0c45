package io.flashstation.probe.openocd;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How the station runs OpenOCD.
 *
 * @param executable        the {@code openocd} binary
 * @param searchDirs        extra script directories ({@code -s}), searched before OpenOCD's own
 * @param timeout           wall-clock bound on one run; OpenOCD is killed when it is exceeded
 * @param stlinkTransport   the transport for ST-Links: {@link OpenOcdTransport#HLA_SWD} (the tutorial's recipe) or
 *                          {@link OpenOcdTransport#DAPDIRECT_SWD}
 * @param stlinkServerPort  reach ST-Links through an stlink-server on 127.0.0.1 at this port instead of libusb (ST's
 *                          way of sharing probes between tools; also how the virtual lab serves its ST-Links)
 * @param workAreaBytes     overrides stm32f4x.cfg's WORKAREASIZE (32 KiB of SRAM for OpenOCD's flash loader); 0 makes
 *                          OpenOCD program from the host without running code on the target
 */
public record OpenOcdSettings(Path executable, List<Path> searchDirs, Duration timeout,
        OpenOcdTransport stlinkTransport, OptionalInt stlinkServerPort, OptionalInt workAreaBytes) {

    /** Where distributions install OpenOCD. */
    public static final Path DEFAULT_EXECUTABLE = Path.of("/usr/bin/openocd");

    /**
     * Generous for one board: the tutorial's whole-chip erase (x8, about 8.8 s) and a 424 KiB image at 480 kHz
     * (about 10 s of wire) fit with room to spare (openocd-recipes.md "What these recipes cost").
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public OpenOcdSettings {
        Objects.requireNonNull(executable, "executable");
        searchDirs = List.copyOf(searchDirs);
        Objects.requireNonNull(stlinkServerPort, "stlinkServerPort");
        Objects.requireNonNull(workAreaBytes, "workAreaBytes");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("an OpenOCD run needs a positive timeout, not " + timeout);
        }
        if (stlinkTransport == OpenOcdTransport.SWD) {
            throw new IllegalArgumentException("an ST-Link speaks hla_swd or dapdirect_swd to OpenOCD, not swd");
        }
        if (stlinkServerPort.isPresent() && (stlinkServerPort.getAsInt() < 1 || stlinkServerPort.getAsInt() > 65_535)) {
            throw new IllegalArgumentException("not a TCP port: " + stlinkServerPort.getAsInt());
        }
        if (workAreaBytes.isPresent() && workAreaBytes.getAsInt() < 0) {
            throw new IllegalArgumentException("negative work area: " + workAreaBytes.getAsInt());
        }
    }

    /** /usr/bin/openocd, its own scripts, two minutes, ST-Links over hla_swd and libusb, the target's work area. */
    public static OpenOcdSettings defaults() {
        return new OpenOcdSettings(DEFAULT_EXECUTABLE, List.of(), DEFAULT_TIMEOUT, OpenOcdTransport.HLA_SWD,
                OptionalInt.empty(), OptionalInt.empty());
    }

    public OpenOcdSettings withExecutable(Path path) {
        return new OpenOcdSettings(path, searchDirs, timeout, stlinkTransport, stlinkServerPort, workAreaBytes);
    }

    public OpenOcdSettings withSearchDirs(List<Path> dirs) {
        return new OpenOcdSettings(executable, dirs, timeout, stlinkTransport, stlinkServerPort, workAreaBytes);
    }

    public OpenOcdSettings withTimeout(Duration limit) {
        return new OpenOcdSettings(executable, searchDirs, limit, stlinkTransport, stlinkServerPort, workAreaBytes);
    }

    public OpenOcdSettings withStlinkTransport(OpenOcdTransport transport) {
        return new OpenOcdSettings(executable, searchDirs, timeout, transport, stlinkServerPort, workAreaBytes);
    }

    public OpenOcdSettings withStlinkServer(int port) {
        return new OpenOcdSettings(executable, searchDirs, timeout, stlinkTransport, OptionalInt.of(port),
                workAreaBytes);
    }

    public OpenOcdSettings withWorkAreaBytes(int bytes) {
        return new OpenOcdSettings(executable, searchDirs, timeout, stlinkTransport, stlinkServerPort,
                OptionalInt.of(bytes));
    }

    /** The ST-Link transport, by OpenOCD's name ("hla_swd", "dapdirect_swd"), for configuration files. */
    public static Optional<OpenOcdTransport> stlinkTransportNamed(String name) {
        for (OpenOcdTransport transport : OpenOcdTransport.values()) {
            if (transport != OpenOcdTransport.SWD && transport.openOcdName().equalsIgnoreCase(name)) {
                return Optional.of(transport);
            }
        }
        return Optional.empty();
    }
}
