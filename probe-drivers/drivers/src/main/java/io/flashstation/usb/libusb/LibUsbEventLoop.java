package io.flashstation.usb.libusb;

import org.usb4java.Context;
import org.usb4java.LibUsb;

/**
 * The thread that gives libusb time to process events, which is where hotplug callbacks run
 * (quarkus-usb4java.md §7.2). It must be stopped and joined before the context is exited: exiting while this
 * thread is inside handleEventsTimeout crashes the JVM.
 */
final class LibUsbEventLoop {

    private static final System.Logger LOG = System.getLogger(LibUsbEventLoop.class.getName());

    /** Upper bound on how long a stop can go unnoticed if the wake-up is missed. */
    private static final long WAIT_MICROS = 1_000_000;
    /** Consecutive failures after which the loop stops spinning and lets the bus fall back to polling. */
    private static final int FAILURES_BEFORE_GIVING_UP = 10;

    private final Context context;
    private final Runnable onGivingUp;
    private final Thread thread;
    private volatile boolean running = true;

    LibUsbEventLoop(Context context, Runnable onGivingUp) {
        this.context = context;
        this.onGivingUp = onGivingUp;
        this.thread = new Thread(this::run, "usb-events");
        // A forgotten close() must not keep the JVM alive; at exit nothing calls LibUsb.exit, so no race either.
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Wakes the loop out of its wait and joins it; afterwards no thread is inside libusb's event handling. */
    void stop() {
        running = false;
        LibUsb.interruptEventHandler(context);
        Threads.joinUninterruptibly(thread);
    }

    private void run() {
        int failures = 0;
        while (running) {
            int result = LibUsb.handleEventsTimeout(context, WAIT_MICROS);
            if (result == LibUsb.SUCCESS || result == LibUsb.ERROR_INTERRUPTED) {
                failures = 0;
                continue;
            }
            failures++;
            if (failures == FAILURES_BEFORE_GIVING_UP) {
                LOG.log(System.Logger.Level.WARNING, "libusb event handling keeps failing ({0}); hotplug"
                        + " events stop, the bus falls back to polling", LibUsbErrors.name(result));
                onGivingUp.run();
                return;
            }
        }
    }
}
