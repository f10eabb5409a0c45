package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbHotplugListener;
import io.flashstation.usb.UsbLink;
import io.flashstation.usb.UsbSubscription;
import org.usb4java.Context;
import org.usb4java.HotplugCallbackHandle;
import org.usb4java.LibUsb;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real USB bus, over usb4java's libusb. Owns one libusb context, the thread that handles its events (when
 * hotplug is used) and the thread that tells listeners about arrivals and removals. A host where libusb cannot
 * start gives an empty bus and one log line instead of an exception, so a station without USB still runs.
 */
public final class LibUsbBus implements UsbBus {

    /** How this bus learns about arrivals and removals. */
    public enum ChangeDetection {
        /** libusb hotplug events wake the watcher. */
        HOTPLUG,
        /** The device list is compared every poll interval. */
        POLLING,
        /** libusb could not start; the bus is always empty. */
        NONE
    }

    private static final System.Logger LOG = System.getLogger(LibUsbBus.class.getName());

    private final Context context;
    private final DeviceCatalog catalog;
    private final BusWatcher watcher;
    private final LibUsbEventLoop eventLoop;
    private final HotplugCallbackHandle hotplugHandle;
    private final Set<LibUsbLink> openLinks = ConcurrentHashMap.newKeySet();
    private boolean closed;

    private LibUsbBus(Context context, DeviceCatalog catalog, BusWatcher watcher, LibUsbEventLoop eventLoop,
                      HotplugCallbackHandle hotplugHandle) {
        this.context = context;
        this.catalog = catalog;
        this.watcher = watcher;
        this.eventLoop = eventLoop;
        this.hotplugHandle = hotplugHandle;
    }

    /** Starts a bus with {@link LibUsbBusOptions#defaults()}. */
    public static LibUsbBus start() {
        return start(LibUsbBusOptions.defaults());
    }

    /** Starts libusb and the bus's threads; never throws for a host without USB. */
    public static LibUsbBus start(LibUsbBusOptions options) {
        Context context = new Context();
        try {
            int result = LibUsb.init(context);
            if (result != LibUsb.SUCCESS) {
                return unavailable("libusb could not start: " + LibUsbErrors.name(result));
            }
        } catch (LinkageError | RuntimeException e) {
            // No native library for this platform, or java.io.tmpdir is not writable or mounted noexec (§7.1).
            return unavailable("the libusb4java native library cannot be loaded: " + e);
        }
        Optional<String> problem = UsbSubsystemCheck.problem(System.getProperty("os.name", ""),
                UsbSubsystemCheck.SYS_BUS_USB, UsbSubsystemCheck.DEV_BUS_USB);
        problem.ifPresent(LibUsbBus::warnEmpty);

        DeviceCatalog catalog = new DeviceCatalog(context, new DeviceDescriber(options.stringTimeout().toMillis()));
        Map<DeviceKey, UsbDeviceInfo> present = initialScan(catalog);
        boolean hotplug = options.useHotplug() && LibUsb.hasCapability(LibUsb.CAP_HAS_HOTPLUG);
        BusWatcher watcher = new BusWatcher(catalog, !hotplug, options.pollInterval().toMillis());
        LibUsbEventLoop eventLoop = null;
        HotplugCallbackHandle hotplugHandle = null;
        if (hotplug) {
            hotplugHandle = new HotplugCallbackHandle();
            int result = LibUsb.hotplugRegisterCallback(context,
                    LibUsb.HOTPLUG_EVENT_DEVICE_ARRIVED | LibUsb.HOTPLUG_EVENT_DEVICE_LEFT, LibUsb.HOTPLUG_NO_FLAGS,
                    LibUsb.HOTPLUG_MATCH_ANY, LibUsb.HOTPLUG_MATCH_ANY, LibUsb.HOTPLUG_MATCH_ANY,
                    (ctx, device, event, userData) -> {
                        watcher.wake();
                        return 0; // stay registered
                    }, null, hotplugHandle);
            if (result == LibUsb.SUCCESS) {
                eventLoop = new LibUsbEventLoop(context, watcher::switchToPolling);
                eventLoop.start();
            } else {
                LOG.log(System.Logger.Level.WARNING, "libusb hotplug registration failed ({0}); polling instead",
                        LibUsbErrors.name(result));
                hotplugHandle = null;
                watcher.switchToPolling();
            }
        }
        watcher.start(present);
        LibUsbBus bus = new LibUsbBus(context, catalog, watcher, eventLoop, hotplugHandle);
        LOG.log(System.Logger.Level.DEBUG, "USB bus started on libusb {0} with {1} device(s), {2}",
                LibUsb.getVersion(), present.size(), bus.changeDetection());
        return bus;
    }

    /** How this bus learns about changes now; {@link ChangeDetection#NONE} when libusb could not start. */
    public ChangeDetection changeDetection() {
        if (watcher == null) {
            return ChangeDetection.NONE;
        }
        return watcher.isPolling() ? ChangeDetection.POLLING : ChangeDetection.HOTPLUG;
    }

    @Override
    public synchronized List<UsbDeviceInfo> devices() throws UsbException {
        ensureOpen();
        if (catalog == null) {
            return List.of();
        }
        return catalog.scan().values().stream().sorted(PortPath.DEVICE_ORDER).toList();
    }

    @Override
    public UsbSubscription subscribe(UsbHotplugListener listener) {
        if (watcher == null) {
            return () -> { };
        }
        return watcher.subscribe(listener);
    }

    @Override
    public synchronized UsbLink open(UsbDeviceInfo device) throws UsbException {
        ensureOpen();
        if (catalog == null) {
            throw new UsbDeviceGoneException("open " + device + ": USB is not available on this host");
        }
        LibUsbLink link = new LibUsbLink(catalog.open(DeviceKey.of(device)), device, openLinks::remove);
        openLinks.add(link);
        return link;
    }

    /**
     * Stops in the only safe order (quarkus-usb4java.md §7.2): the watcher, then the hotplug callback, then the
     * event thread (woken and joined), then any links still open, and only then the libusb context. Synchronized
     * with {@link #devices()} and {@link #open} so that neither runs on a context that is going away.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (context == null) {
            return;
        }
        watcher.stop();
        if (hotplugHandle != null) {
            LibUsb.hotplugDeregisterCallback(context, hotplugHandle);
        }
        if (eventLoop != null) {
            eventLoop.stop();
        }
        List.copyOf(openLinks).forEach(LibUsbLink::close);
        LibUsb.exit(context);
    }

    private static LibUsbBus unavailable(String reason) {
        warnEmpty(reason);
        return new LibUsbBus(null, null, null, null, null);
    }

    /** The one line an operator needs when no probe can ever show up. */
    private static void warnEmpty(String reason) {
        LOG.log(System.Logger.Level.WARNING, "USB bus will stay empty: " + reason);
    }

    private static Map<DeviceKey, UsbDeviceInfo> initialScan(DeviceCatalog catalog) {
        try {
            return catalog.scan();
        } catch (UsbException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list USB devices at start: {0}", e.getMessage());
            return Map.of();
        }
    }

    private void ensureOpen() throws UsbException {
        if (closed) {
            throw new UsbException("the USB bus is closed");
        }
    }
}
