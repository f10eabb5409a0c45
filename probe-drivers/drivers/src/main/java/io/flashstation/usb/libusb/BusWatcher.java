package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbHotplugListener;
import io.flashstation.usb.UsbSubscription;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The thread that looks at the bus when something may have changed and tells listeners what did. With hotplug
 * the libusb callback only wakes it (callbacks must not do I/O, quarkus-usb4java.md §7.5); without hotplug it
 * looks every poll interval. Either way listeners are called from this thread, never from libusb's.
 */
final class BusWatcher {

    private static final System.Logger LOG = System.getLogger(BusWatcher.class.getName());

    private final BusSnapshotSource bus;
    private final long pollIntervalMillis;
    private final List<UsbHotplugListener> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Thread thread;
    private DeviceListTracker tracker;
    private boolean polling = true;
    private boolean lookRequested;
    private boolean running = true;
    private boolean lastLookFailed;

    /** A watcher that polls until told to {@link #useHotplug()}. */
    BusWatcher(BusSnapshotSource bus, long pollIntervalMillis) {
        this.bus = bus;
        this.pollIntervalMillis = pollIntervalMillis;
        this.thread = new Thread(this::run, "usb-watcher");
        thread.setDaemon(true);
    }

    /** Starts watching from the devices present now, which are not reported as arrivals. */
    void start(Map<DeviceKey, UsbDeviceInfo> present) {
        tracker = new DeviceListTracker(present);
        thread.start();
    }

    UsbSubscription subscribe(UsbHotplugListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Asks for a look at the bus soon; safe to call from libusb's event thread. */
    void wake() {
        synchronized (lock) {
            lookRequested = true;
            lock.notifyAll();
        }
    }

    /** True when the watcher looks every poll interval rather than waiting for hotplug events. */
    boolean isPolling() {
        synchronized (lock) {
            return polling;
        }
    }

    /** Hotplug callbacks are registered and handled: wait for their wake-ups instead of polling. */
    void useHotplug() {
        synchronized (lock) {
            polling = false;
        }
    }

    /** Hotplug stopped working: look every poll interval from now on. */
    void switchToPolling() {
        synchronized (lock) {
            polling = true;
            lock.notifyAll();
        }
    }

    /** Stops the thread and waits for it; no listener is called afterwards. */
    void stop() {
        synchronized (lock) {
            running = false;
            lock.notifyAll();
        }
        listeners.clear();
        Threads.joinUninterruptibly(thread);
    }

    private void run() {
        while (awaitNextLook()) {
            look();
        }
    }

    private boolean awaitNextLook() {
        synchronized (lock) {
            if (running && !lookRequested) {
                try {
                    // A spurious wake-up only costs one extra look, which finds nothing new.
                    lock.wait(polling ? pollIntervalMillis : 0);
                } catch (InterruptedException e) {
                    running = false;
                }
            }
            lookRequested = false;
            return running;
        }
    }

    private void look() {
        DeviceListTracker.Changes changes;
        try {
            changes = tracker.update(bus.scan());
            lastLookFailed = false;
        } catch (UsbException | RuntimeException e) {
            // This thread must outlive a bad look (usb4java reports some failures unchecked); log once per streak.
            if (!lastLookFailed) {
                LOG.log(System.Logger.Level.WARNING, "cannot list USB devices: " + e);
            }
            lastLookFailed = true;
            return;
        }
        changes.left().forEach(device -> deliver(device, false));
        changes.arrived().forEach(device -> deliver(device, true));
    }

    private void deliver(UsbDeviceInfo device, boolean arrived) {
        for (UsbHotplugListener listener : listeners) {
            try {
                if (arrived) {
                    listener.arrived(device);
                } else {
                    listener.left(device);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "USB listener " + listener + " failed on " + device, e);
            }
        }
    }
}
