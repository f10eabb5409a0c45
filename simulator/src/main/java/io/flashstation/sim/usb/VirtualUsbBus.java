package io.flashstation.sim.usb;

import io.flashstation.sim.time.WallClockPacer;
import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbBusyException;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbHotplugListener;
import io.flashstation.usb.UsbLink;
import io.flashstation.usb.UsbSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The virtual lab's USB bus: virtual devices are plugged into port paths and unplugged again, subscribers hear
 * of it on the bus's event thread, and opening a device gives a {@link VirtualUsbLink} whose transfers cost
 * virtual time. Safe to use from several threads (hotplug usually comes from another thread than the I/O).
 */
public final class VirtualUsbBus implements UsbBus {

    /** USB 2.0 device addresses run from 1 to 127; 0 is the default address of an unconfigured device. */
    private static final int MAX_ADDRESS = 127;

    private static final System.Logger LOG = System.getLogger(VirtualUsbBus.class.getName());

    private final int busNumber;
    private final TreeMap<String, Port> ports = new TreeMap<>();
    private final List<UsbHotplugListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService events;
    private int lastAddress;
    private boolean closed;
    private boolean pacedToWallClock;
    /** The latest time a closed link had reached. */
    private long releasedHostNanos;

    /** A bus numbered 1. */
    public VirtualUsbBus() {
        this(1);
    }

    public VirtualUsbBus(int busNumber) {
        this.busNumber = busNumber;
        this.events = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "virtual-usb-bus-" + busNumber + "-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Plugs a device into an empty port. Like a host controller, the bus gives it the next free address, so a
     * device that is unplugged and plugged back gets a different one.
     */
    public UsbDeviceInfo plug(VirtualUsbDevice device, String portPath) {
        UsbDeviceInfo info;
        synchronized (this) {
            requireOpen();
            if (ports.containsKey(portPath)) {
                throw new IllegalStateException("port " + portPath + " already holds " + ports.get(portPath).info);
            }
            DeviceDescriptor d = device.descriptor();
            info = new UsbDeviceInfo(d.vendorId(), d.productId(), d.deviceVersionBcd(), d.serial(), d.manufacturer(),
                    d.product(), portPath, busNumber, nextFreeAddress(), d.speed(), d.interfaces());
            ports.put(portPath, new Port(device, info));
        }
        publish(listener -> listener.arrived(info));
        return info;
    }

    /**
     * Pulls the device out of a port. Any link open on it fails from now on, including a transfer in progress,
     * and the device learns that its host session ended.
     */
    public Optional<VirtualUsbDevice> unplug(String portPath) {
        Port port;
        synchronized (this) {
            port = ports.remove(portPath);
        }
        if (port == null) {
            return Optional.empty();
        }
        VirtualUsbLink link = port.link;
        if (link != null) {
            link.deviceLeft();
        }
        publish(listener -> listener.left(port.info));
        return Optional.of(port.device);
    }

    @Override
    public synchronized List<UsbDeviceInfo> devices() throws UsbException {
        if (closed) {
            throw new UsbException("the virtual USB bus is closed");
        }
        List<UsbDeviceInfo> present = new ArrayList<>();
        ports.values().forEach(port -> present.add(port.info));
        return present;
    }

    @Override
    public UsbSubscription subscribe(UsbHotplugListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Opens the device at the same port and address; a replugged or removed device is gone. */
    @Override
    public synchronized UsbLink open(UsbDeviceInfo device) throws UsbException {
        return openVirtual(device);
    }

    /** {@link #open} with the virtual link's own type, for lab code that needs its virtual host clock. */
    public synchronized VirtualUsbLink openVirtual(UsbDeviceInfo device) throws UsbException {
        if (closed) {
            throw new UsbException("the virtual USB bus is closed");
        }
        Port port = ports.get(device.portPath());
        if (port == null || port.info.address() != device.address()) {
            throw new UsbDeviceGoneException(device + " is no longer on the bus");
        }
        if (port.link != null) {
            throw new UsbBusyException(device + " is already open");
        }
        VirtualHostClock clock = new VirtualHostClock(pacedToWallClock ? Optional.of(new WallClockPacer())
                : Optional.empty(), hostTime());
        VirtualUsbLink link = new VirtualUsbLink(port.info, port.device, () -> release(port), clock);
        port.link = link;
        port.device.opened(link.clock().nanos());
        return link;
    }

    /**
     * Makes links opened from now on run no faster than the wall clock (a demo a person watches); by default
     * virtual time runs as fast as the simulation can.
     */
    public synchronized void paceToWallClock(boolean paced) {
        pacedToWallClock = paced;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        listeners.clear();
        events.shutdown();
    }

    private synchronized void release(Port port) {
        if (port.link != null) {
            releasedHostNanos = Math.max(releasedHostNanos, port.link.clock().nanos());
            port.link = null;
        }
    }

    /**
     * The host's time: one host drives every link of a bus, so a link opened now starts at the latest time any link
     * has reached, and never before a board that another probe has already run forward in time.
     */
    private long hostTime() {
        long latest = releasedHostNanos;
        for (Port port : ports.values()) {
            if (port.link != null) {
                latest = Math.max(latest, port.link.clock().nanos());
            }
        }
        return latest;
    }

    private int nextFreeAddress() {
        for (int i = 1; i <= MAX_ADDRESS; i++) {
            int candidate = (lastAddress + i - 1) % MAX_ADDRESS + 1;
            if (ports.values().stream().noneMatch(p -> p.info.address() == candidate)) {
                lastAddress = candidate;
                return candidate;
            }
        }
        throw new IllegalStateException("all " + MAX_ADDRESS + " addresses of bus " + busNumber + " are in use");
    }

    private void publish(Consumer<UsbHotplugListener> event) {
        List<UsbHotplugListener> snapshot = List.copyOf(listeners);
        synchronized (this) {
            if (closed) {
                return;
            }
            events.execute(() -> snapshot.forEach(listener -> deliver(listener, event)));
        }
    }

    /** A listener that throws must not keep the others from hearing of the event. */
    private static void deliver(UsbHotplugListener listener, Consumer<UsbHotplugListener> event) {
        try {
            event.accept(listener);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "hotplug listener " + listener + " failed", e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the virtual USB bus is closed");
        }
    }

    /** One occupied port: the device, its identity while plugged, and the link open on it (at most one). */
    private static final class Port {
        final VirtualUsbDevice device;
        final UsbDeviceInfo info;
        VirtualUsbLink link;

        Port(VirtualUsbDevice device, UsbDeviceInfo info) {
            this.device = device;
            this.info = info;
        }
    }
}
