package io.flashstation.probe.openocd;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.StlinkServer;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.usb.UsbDeviceInfo;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Virtual ST-Links with boards in their fixtures, served to the real OpenOCD through the simulator's stlink-server
 * endpoint (DESIGN.md "The virtual lab", rung 3), and the backend settings that reach them.
 */
final class OpenOcdLab implements AutoCloseable {

    /**
     * Without a work area OpenOCD writes flash half-word by half-word from the host, so nothing has to run on the
     * virtual core (stm32f411-target.md §12.4); images stay a few KiB so that a run takes seconds.
     */
    static final int NO_WORK_AREA = 0;

    private final VirtualUsbBus bus = new VirtualUsbBus();
    private final StlinkServer server;
    private int nextPort = 1;

    private OpenOcdLab() throws IOException {
        server = new StlinkServer(bus, 0).start();
    }

    static OpenOcdLab start() throws IOException {
        return new OpenOcdLab();
    }

    /** Plugs an ST-Link of {@code model} with serial {@code serial} holding {@code board}; returns the board. */
    VirtualBoard plug(StlinkModel model, String serial, VirtualBoard board) {
        plugDevice(model, serial, board);
        return board;
    }

    /** Plugs an ST-Link holding {@code board}; returns the device as the bus lists it. */
    UsbDeviceInfo plugDevice(StlinkModel model, String serial, VirtualBoard board) {
        Fixture fixture = new Fixture();
        fixture.insert(board);
        return bus.plug(new VirtualStlink(model, serial, fixture), "1-" + nextPort++);
    }

    /** Plugs an ST-Link of {@code model} whose fixture holds no board. */
    void plugEmpty(StlinkModel model, String serial) {
        bus.plug(new VirtualStlink(model, serial, new Fixture()), "1-" + nextPort++);
    }

    /** The backend's settings for this lab: the real OpenOCD, this lab's stlink-server, no work area. */
    OpenOcdSettings settings() {
        return OpenOcdSettings.defaults().withExecutable(executable()).withStlinkServer(server.port())
                .withWorkAreaBytes(NO_WORK_AREA).withTimeout(Duration.ofSeconds(120));
    }

    /**
     * The openocd executable on PATH. Where it is missing the test fails on CI (FLASHSTATION_CI=1), which installs
     * it, and is skipped elsewhere.
     */
    static Path executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "openocd");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("1".equals(System.getenv("FLASHSTATION_CI"))) {
            fail("openocd is not installed, and FLASHSTATION_CI=1 requires the OpenOCD backend tests to run");
        }
        assumeTrue(false, "openocd is not installed");
        throw new IllegalStateException("unreachable");
    }

    /** Stops serving: OpenOCD's connection to stlink-server drops, as when the server or its host goes away. */
    void dropEndpoint() {
        server.close();
    }

    @Override
    public void close() {
        server.close();
        bus.close();
    }
}
