package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbDeviceGoneException;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbHotplugListener;
import io.flashstation.usb.UsbLink;
import io.flashstation.usb.UsbSubscription;
import org.usb4java.Context;
import org.usb4java.LibUsb;

import java.util.List;

/**
 * The real USB bus, over usb4java's libusb. Hotplug events where libusb has them, polling where it does not;
 * listeners are called from the bus's own watcher thread. A host where libusb cannot start, or that has no USB
 * at all, gives an empty bus and one log line instead of an exception, so a station without USB still runs.
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

    /** Null when libusb could not start. */
    private final LibUsbSession session;
    private boolean closed;

    private LibUsbBus(LibUsbSession session) {
        this.session = session;
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
                warnEmpty("libusb could not start: " + LibUsbErrors.name(result));
                return new LibUsbBus(null);
            }
        } catch (LinkageError | RuntimeException e) {
            // No native library for this platform, or java.io.tmpdir is not writable or mounted noexec (§7.1).
            warnEmpty("the libusb4java native library cannot be loaded: " + e);
            return new LibUsbBus(null);
        }
        // libusb starts fine without a USB subsystem and lists nothing (§7.9), so say why here.
        UsbSubsystemCheck.problem(System.getProperty("os.name", ""), UsbSubsystemCheck.SYS_BUS_USB,
                UsbSubsystemCheck.DEV_BUS_USB).ifPresent(LibUsbBus::warnEmpty);
        return new LibUsbBus(LibUsbSession.start(context, options));
    }

    /** How this bus learns about changes now; {@link ChangeDetection#NONE} when libusb could not start. */
    public ChangeDetection changeDetection() {
        if (session == null) {
            return ChangeDetection.NONE;
        }
        return session.isPolling() ? ChangeDetection.POLLING : ChangeDetection.HOTPLUG;
    }

    @Override
    public synchronized List<UsbDeviceInfo> devices() throws UsbException {
        ensureOpen();
        return session == null ? List.of() : session.devices();
    }

    @Override
    public UsbSubscription subscribe(UsbHotplugListener listener) {
        return session == null ? () -> { } : session.subscribe(listener);
    }

    @Override
    public synchronized UsbLink open(UsbDeviceInfo device) throws UsbException {
        ensureOpen();
        if (session == null) {
            throw new UsbDeviceGoneException("open " + device + ": USB is not available on this host");
        }
        return session.open(device);
    }

    /** Stops the bus's threads and libusb; synchronized with devices() and open() so neither outlives the context. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (session != null) {
            session.stop();
        }
    }

    /** The one line an operator needs when no probe can ever show up. */
    private static void warnEmpty(String reason) {
        LOG.log(System.Logger.Level.WARNING, "USB bus will stay empty: " + reason);
    }

    private void ensureOpen() throws UsbException {
        if (closed) {
            throw new UsbException("the USB bus is closed");
        }
    }
}
