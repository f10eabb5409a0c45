package io.flashstation.station.daemon;

import io.flashstation.probe.ProbeDriver;
import io.flashstation.station.config.SlotConfig;
import io.flashstation.station.probes.ProbeDrivers;
import io.flashstation.station.slot.AttemptSink;
import io.flashstation.station.slot.Backend;
import io.flashstation.station.slot.SerialText;
import io.flashstation.station.slot.Slot;
import io.flashstation.station.slot.SlotIdentity;
import io.flashstation.station.slot.SlotSettings;
import io.flashstation.station.slot.SlotSnapshot;
import io.flashstation.station.slot.SlotWorker;
import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbHotplugListener;
import io.flashstation.usb.UsbSubscription;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The station's slots: watches the USB bus, gives every probe a driver recognises a slot with its own worker
 * thread, ends the slot when the probe leaves, and stops them all gracefully.
 */
public final class Station implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Station.class.getName());

    private final UsbBus bus;
    private final SlotSettings settings;
    private final AttemptSink sink;
    private final Map<String, SlotConfig> slotConfig;
    private final Clock wallClock;
    private final Backend defaultBackend;
    /** Present probes by bus and port, each with its slot (a disabled slot has no worker). */
    private final Map<String, Running> running = new LinkedHashMap<>();
    private UsbSubscription subscription;
    private boolean stopped;

    public Station(UsbBus bus, SlotSettings settings, AttemptSink sink, Map<String, SlotConfig> slotConfig,
            Backend defaultBackend, Clock wallClock) {
        this.defaultBackend = defaultBackend;
        this.bus = bus;
        this.settings = settings;
        this.sink = sink;
        this.slotConfig = Map.copyOf(slotConfig);
        this.wallClock = wallClock;
    }

    /** Subscribes to hotplug first, then takes the probes already present, so none is missed in between. */
    public void start() throws UsbException {
        subscription = bus.subscribe(new UsbHotplugListener() {
            @Override
            public void arrived(UsbDeviceInfo device) {
                probeArrived(device);
            }

            @Override
            public void left(UsbDeviceInfo device) {
                probeLeft(device);
            }
        });
        bus.devices().forEach(this::probeArrived);
    }

    /** Every slot, ordered by name. */
    public synchronized List<SlotSnapshot> slots() {
        return running.values().stream().map(r -> r.slot.snapshot())
                .sorted(Comparator.comparing(SlotSnapshot::name)).toList();
    }

    /** The slot named {@code name}. */
    public synchronized Optional<Slot> slot(String name) {
        return running.values().stream().map(r -> r.slot).filter(s -> s.name().equals(name)).findFirst();
    }

    /** The slot of the probe on USB port {@code portPath}. */
    public synchronized Optional<Slot> slotAtPort(String portPath) {
        return running.values().stream().filter(r -> r.device.portPath().equals(portPath)).map(r -> r.slot)
                .findFirst();
    }

    /** Probes on the bus that a driver recognises. */
    public synchronized int probesPresent() {
        return running.size();
    }

    private synchronized void probeArrived(UsbDeviceInfo device) {
        Optional<ProbeDriver> driver = ProbeDrivers.driverFor(device);
        String where = where(device);
        if (stopped || driver.isEmpty() || running.containsKey(where)) {
            return;
        }
        List<UsbDeviceInfo> others = running.values().stream().map(r -> r.device).toList();
        String key = SlotNaming.key(device, others);
        SlotConfig config = SlotNaming.config(key, device, slotConfig);
        SlotIdentity identity = new SlotIdentity(config.name().orElse(key), "opening",
                SerialText.printableOr(device.serial(), ""), device.portPath());
        Running slot = new Running(device, new Slot(identity));
        running.put(where, slot);
        if (!config.enabled()) {
            slot.slot.disable();
            LOG.log(System.Logger.Level.INFO, "slot " + identity.name() + " is disabled in the configuration");
            return;
        }
        Backend backend = config.backend().orElse(defaultBackend);
        slot.thread = new Thread(() -> runSlot(driver.get(), slot, backend), "slot-" + identity.name());
        slot.thread.start();
    }

    private synchronized void probeLeft(UsbDeviceInfo device) {
        Running slot = running.get(where(device));
        if (slot == null || slot.device.address() != device.address()) {
            return;
        }
        if (slot.worker != null) {
            slot.worker.probeGone();
        }
        if (slot.thread == null) {
            running.remove(where(device));
        }
    }

    // on the slot's own thread: opening a probe is USB I/O too
    private void runSlot(ProbeDriver driver, Running slot, Backend backend) {
        try {
            SlotWorker worker = new SlotWorker(slot.slot, slot.device, () -> driver.open(bus, slot.device), backend,
                    settings, sink, wallClock);
            synchronized (this) {
                slot.worker = worker;
                if (stopped) {
                    worker.stopTakingBoards();
                }
            }
            worker.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "slot on port " + slot.device.portPath() + " failed: " + e, e);
        } finally {
            synchronized (this) {
                running.remove(where(slot.device), slot);
            }
        }
    }

    /**
     * Stops taking boards, lets boards in flight finish within {@code timeout}, then aborts the rest (they are
     * recorded as aborted) and waits for every worker to record and end.
     */
    public void stop(Duration timeout) {
        List<Running> slots;
        synchronized (this) {
            stopped = true;
            if (subscription != null) {
                subscription.close();
            }
            slots = new ArrayList<>(running.values());
        }
        slots.stream().filter(r -> r.worker != null).forEach(r -> r.worker.stopTakingBoards());
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Running slot : slots) {
            join(slot, Math.max(0, deadline - System.nanoTime()));
        }
        for (Running slot : slots) {
            if (slot.thread != null && slot.thread.isAlive() && slot.worker != null) {
                slot.worker.abort();
            }
        }
        for (Running slot : slots) {
            join(slot, Duration.ofSeconds(10).toNanos());
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static void join(Running slot, long nanos) {
        if (slot.thread == null) {
            return;
        }
        try {
            slot.thread.join(Math.max(1, nanos / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String where(UsbDeviceInfo device) {
        return device.busNumber() + ":" + device.portPath();
    }

    /** A present probe and its slot. */
    private static final class Running {
        final UsbDeviceInfo device;
        final Slot slot;
        Thread thread;
        SlotWorker worker;

        Running(UsbDeviceInfo device, Slot slot) {
            this.device = device;
            this.slot = slot;
        }
    }
}
