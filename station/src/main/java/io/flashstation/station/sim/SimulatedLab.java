package io.flashstation.station.sim;

import io.flashstation.sim.lab.VirtualProbeFactory;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkServer;
import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.station.slot.SlotState;
import io.flashstation.usb.UsbBus;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The virtual lab behind {@code daemon --simulate}: N virtual probes on a virtual USB bus, each with a fixture
 * tended by a simulated operator. The station sees only the bus, exactly as it would see real probes.
 */
public final class SimulatedLab implements AutoCloseable {

    private final VirtualUsbBus bus = new VirtualUsbBus();
    private final List<Fixture> fixtures = new ArrayList<>();
    private final List<String> ports = new ArrayList<>();
    private final List<String> kinds;
    private final List<SimulatedOperator> operators = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final SimSettings settings;
    private StlinkServer stlinkServer;
    private final BoardLedger ledger = new BoardLedger();

    /**
     * What to simulate.
     *
     * @param probes    how many probes
     * @param kind      a probe class id, or {@code mixed} for every class in turn
     * @param swapEvery how long a board stays on its fixture
     * @param faults    how often boards are bad
     * @param realtime  whether virtual time is held to the wall clock
     * @param seed      seeds the faults, so a run can be repeated
     */
    public record SimSettings(int probes, String kind, Duration swapEvery, SimFaults faults, boolean realtime,
            long seed) {
    }

    private SimulatedLab(SimSettings settings) {
        this.settings = settings;
        this.kinds = settings.kind().equals("mixed") ? List.copyOf(VirtualProbeFactory.kinds())
                : List.of(settings.kind());
    }

    /** Builds the lab and plugs its probes in; the operators start with {@link #startOperators}. */
    public static SimulatedLab create(SimSettings settings) {
        if (!settings.kind().equals("mixed") && !VirtualProbeFactory.allKinds().contains(settings.kind())) {
            throw new IllegalArgumentException("unknown probe kind '" + settings.kind() + "' (known: mixed, "
                    + String.join(", ", VirtualProbeFactory.allKinds()) + ")");
        }
        SimulatedLab lab = new SimulatedLab(settings);
        lab.bus.paceToWallClock(settings.realtime());
        for (int i = 1; i <= settings.probes(); i++) {
            lab.plug(i);
        }
        return lab;
    }

    private void plug(int index) {
        Fixture fixture = new Fixture();
        String kind = kinds.get((index - 1) % kinds.size());
        String port = portOf(index);
        bus.plug(VirtualProbeFactory.create(kind, index, fixture).orElseThrow(), port);
        fixtures.add(fixture);
        ports.add(port);
    }

    /**
     * Serves the lab's ST-Links on a stlink-server endpoint on loopback, so that OpenOCD can flash their boards
     * (one host at a time per probe, as on a real stlink-server); returns its port.
     */
    public synchronized int serveStlinks() throws IOException {
        if (stlinkServer == null) {
            stlinkServer = new StlinkServer(bus, 0).start();
        }
        return stlinkServer.port();
    }

    /** Every board the operators have put on, with its fault. */
    public BoardLedger ledger() {
        return ledger;
    }

    /** The bus the station watches. */
    public UsbBus bus() {
        return bus;
    }

    /** Puts every fixture's first board on at once, without operators (one board, flashed from the command line). */
    public synchronized void placeFirstBoards() {
        for (int i = 0; i < fixtures.size(); i++) {
            fixtures.get(i).insert(SimulatedOperator.firstBoard(i + 1));
        }
    }

    /** Starts a simulated operator at every fixture; {@code slotStateAt} maps a port path to its slot's state. */
    public synchronized void startOperators(Function<String, Optional<SlotState>> slotStateAt) {
        for (int i = 0; i < fixtures.size(); i++) {
            startOperator(i, slotStateAt);
        }
    }

    private void startOperator(int i, Function<String, Optional<SlotState>> slotStateAt) {
        String port = ports.get(i);
        SimulatedOperator operator = new SimulatedOperator(i + 1, fixtures.get(i), () -> slotStateAt.apply(port),
                settings.swapEvery(), settings.faults(), settings.seed(), ledger);
        Thread thread = new Thread(operator, "sim-operator-" + (i + 1));
        thread.setDaemon(true);
        operators.add(operator);
        threads.add(thread);
        thread.start();
    }

    /** Plugs one more probe (with its own fixture and operator) into the next port and returns its index. */
    public synchronized int addProbe(Function<String, Optional<SlotState>> slotStateAt) {
        plug(fixtures.size() + 1);
        int index = fixtures.size();
        startOperator(index - 1, slotStateAt);
        return index;
    }

    /** Pulls probe {@code index} (1-based) out of its port, as a person yanking a cable would. */
    public void unplug(int index) {
        bus.unplug(portOf(index));
    }

    /** Plugs probe {@code index} (1-based) back in, with the fixture it had. */
    public void replug(int index) {
        String kind = kinds.get((index - 1) % kinds.size());
        bus.plug(VirtualProbeFactory.create(kind, index, fixtures.get(index - 1)).orElseThrow(), portOf(index));
    }

    private static String portOf(int index) {
        return "1-1." + index;
    }

    @Override
    public synchronized void close() {
        operators.forEach(SimulatedOperator::stop);
        threads.forEach(Thread::interrupt);
        if (stlinkServer != null) {
            stlinkServer.close();
        }
        bus.close();
    }
}
