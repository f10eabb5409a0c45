package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbHotplugListener;
import io.flashstation.usb.UsbSubscription;
import org.usb4java.Context;
import org.usb4java.HotplugCallbackHandle;
import org.usb4java.LibUsb;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One running libusb context with everything hanging off it: the device catalog, the watcher thread, the hotplug
 * callback and the event thread when hotplug is used, and the links opened through it. Knows the one safe order
 * to take all of that down again (quarkus-usb4java.md §7.2).
 */
final class LibUsbSession {

    private static final System.Logger LOG = System.getLogger(LibUsbSession.class.getName());

    private final Context context;
    private final DeviceCatalog catalog;
    private final BusWatcher watcher;
    private final Set<LibUsbLink> openLinks = ConcurrentHashMap.newKeySet();
    private HotplugCallbackHandle hotplugHandle;
    private LibUsbEventLoop eventLoop;

    private LibUsbSession(Context context, LibUsbBusOptions options) {
        this.context = context;
        this.catalog = new DeviceCatalog(context, new DeviceDescriber(options.stringTimeout().toMillis()));
        this.watcher = new BusWatcher(catalog, options.pollInterval().toMillis());
    }

    /** Starts watching a context that {@code LibUsb.init} has just set up. */
    static LibUsbSession start(Context context, LibUsbBusOptions options) {
        LibUsbSession session = new LibUsbSession(context, options);
        // Hotplug before the first look: a device arriving in between is then either in that look or wakes
        // the watcher for another one, never missed.
        if (options.useHotplug() && LibUsb.hasCapability(LibUsb.CAP_HAS_HOTPLUG)) {
            session.startHotplug();
        }
        Map<DeviceKey, UsbDeviceInfo> present = session.initialScan();
        session.watcher.start(present);
        LOG.log(System.Logger.Level.DEBUG, "USB bus started on libusb {0} with {1} device(s), polling: {2}",
                LibUsb.getVersion(), present.size(), session.isPolling());
        return session;
    }

    boolean isPolling() {
        return watcher.isPolling();
    }

    List<UsbDeviceInfo> devices() throws UsbException {
        return catalog.scan().values().stream().sorted(PortPath.DEVICE_ORDER).toList();
    }

    UsbSubscription subscribe(UsbHotplugListener listener) {
        return watcher.subscribe(listener);
    }

    LibUsbLink open(UsbDeviceInfo device) throws UsbException {
        LibUsbLink link = new LibUsbLink(catalog.open(DeviceKey.of(device)), device, openLinks::remove);
        openLinks.add(link);
        return link;
    }

    /**
     * The watcher first (it may be reading descriptors), then the hotplug callback, then the event thread, woken
     * and joined, then links still open, and only then the context: exiting it while the event thread is inside
     * handleEventsTimeout crashes the JVM.
     */
    void stop() {
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

    private Map<DeviceKey, UsbDeviceInfo> initialScan() {
        try {
            return catalog.scan();
        } catch (UsbException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list USB devices at start: {0}", e.getMessage());
            return Map.of();
        }
    }

    /** The callback only wakes the watcher: hotplug callbacks must not do I/O (quarkus-usb4java.md §7.5). */
    private void startHotplug() {
        HotplugCallbackHandle handle = new HotplugCallbackHandle();
        int result = LibUsb.hotplugRegisterCallback(context,
                LibUsb.HOTPLUG_EVENT_DEVICE_ARRIVED | LibUsb.HOTPLUG_EVENT_DEVICE_LEFT, LibUsb.HOTPLUG_NO_FLAGS,
                LibUsb.HOTPLUG_MATCH_ANY, LibUsb.HOTPLUG_MATCH_ANY, LibUsb.HOTPLUG_MATCH_ANY,
                (ctx, device, event, userData) -> {
                    watcher.wake();
                    return 0; // stay registered
                }, null, handle);
        if (result != LibUsb.SUCCESS) {
            LOG.log(System.Logger.Level.WARNING, "libusb hotplug registration failed ({0}); polling instead",
                    LibUsbErrors.name(result));
            return;
        }
        hotplugHandle = handle;
        // Before the loop starts, so that a loop giving up at once leaves the watcher polling.
        watcher.useHotplug();
        eventLoop = new LibUsbEventLoop(context, watcher::switchToPolling);
        eventLoop.start();
    }
}
