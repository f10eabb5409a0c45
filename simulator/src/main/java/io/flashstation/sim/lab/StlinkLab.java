package io.flashstation.sim.lab;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.StlinkServer;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.time.TimingProfile;
import io.flashstation.sim.usb.VirtualUsbBus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A lab of virtual ST-Links on one virtual USB bus, each holding one board, served to third-party tools
 * (OpenOCD's TCP backends) through a stlink-server endpoint on loopback. Boards persist under
 * {@code stateDir/board-<i>/} and are reloaded from there when present.
 */
public final class StlinkLab implements AutoCloseable {

    /** What the lab is made of. */
    public record Settings(int boards, StlinkModel probe, ChipVariant chip, TimingProfile timing, int rdpByte,
            Path stateDir, int port) {
        public Settings {
            if (boards < 1) {
                throw new IllegalArgumentException("a lab needs at least one board, not " + boards);
            }
            Objects.requireNonNull(probe, "probe");
            Objects.requireNonNull(chip, "chip");
            Objects.requireNonNull(timing, "timing");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
        }
    }

    /** One probe of the lab with the board in its fixture. */
    public record Station(int index, VirtualStlink probe, VirtualBoard board) {
    }

    private final VirtualUsbBus bus = new VirtualUsbBus();
    private final List<Station> stations = new ArrayList<>();
    private final StlinkServer server;
    private boolean closed;

    private StlinkLab(Settings settings) {
        for (int i = 0; i < settings.boards(); i++) {
            VirtualBoard board = VirtualBoard.open(boardConfig(settings, i));
            Fixture fixture = new Fixture();
            fixture.insert(board);
            VirtualStlink probe = new VirtualStlink(settings.probe(), serial(settings.probe(), i), fixture);
            bus.plug(probe, "1-" + (i + 1));
            stations.add(new Station(i, probe, board));
        }
        server = new StlinkServer(bus, settings.port());
    }

    /** Builds the lab and starts serving it. */
    public static StlinkLab start(Settings settings) throws IOException {
        StlinkLab lab = new StlinkLab(settings);
        try {
            lab.server.start();
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    /** The stlink-server TCP port on 127.0.0.1. */
    public int port() {
        return server.port();
    }

    public List<Station> stations() {
        return List.copyOf(stations);
    }

    /** Stops serving and writes every board's state; later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server != null) {
            server.close();
        }
        bus.close();
        stations.forEach(s -> s.board().save());
    }

    private static BoardConfig boardConfig(Settings settings, int index) {
        BoardConfig config = BoardConfig.labBoard(index).withChip(settings.chip()).withTiming(settings.timing())
                .withRdpByte(settings.rdpByte());
        return settings.stateDir() == null ? config : config.withStateDir(settings.stateDir().resolve("board-" + index));
    }

    // Current ST-Link firmware reports its 96-bit ID as 24 hex digits; clones report the raw bytes, and two
    // clones from one batch often share them (stlink.md §1).
    private static String serial(StlinkModel model, int index) {
        if (model == StlinkModel.V2_CLONE) {
            return VirtualStlink.binarySerial(new byte[] {0x55, (byte) 0xFF, 0x6B, 0x06, 0x50, 0x77, 0x49, 0x56,
                    0x13, 0x38, 0x23, (byte) 0x87});
        }
        return String.format("066D%04X%08X%08X", model.productId(), 0x50517178, 0x67180000 + index);
    }
}
