package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbHotplugListener;
import io.flashstation.usb.UsbSpeed;
import io.flashstation.usb.UsbSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The watcher thread fed with scripted looks at a bus, since this host has no devices to plug: events reach
 * listeners from the watcher's own thread, not libusb's (quarkus-usb4java.md §7.5), on a hotplug wake-up or on
 * every poll (issue 4). The waits only guard against a hang; nothing measures time.
 */
@Timeout(30)
class BusWatcherTest {

    private static final UsbDeviceInfo STLINK = new UsbDeviceInfo(0x0483, 0x3748, 0x0100, "STLINK-A", null,
            "STM32 STLink", "1-2", 1, 5, UsbSpeed.FULL, List.of());
    private static final Map<DeviceKey, UsbDeviceInfo> EMPTY = Map.of();
    private static final Map<DeviceKey, UsbDeviceInfo> WITH_STLINK = Map.of(DeviceKey.of(STLINK), STLINK);

    private BusWatcher watcher;

    @AfterEach
    void stopWatcher() {
        watcher.stop();
    }

    @Test
    void hotplugWakeUpsTurnIntoArrivalsAndRemovalsOnTheWatcherThread() throws InterruptedException {
        Recorder recorder = new Recorder();
        watcher = hotplugWatcher(new ScriptedBus(WITH_STLINK, EMPTY));
        watcher.subscribe(recorder);
        watcher.start(EMPTY);

        watcher.wake();
        assertThat(recorder.next()).isEqualTo("arrived " + STLINK + " on usb-watcher");
        watcher.wake();
        assertThat(recorder.next()).isEqualTo("left " + STLINK + " on usb-watcher");
    }

    @Test
    void pollingLooksWithoutBeingWoken() throws InterruptedException {
        Recorder recorder = new Recorder();
        watcher = new BusWatcher(new ScriptedBus(EMPTY, WITH_STLINK), 1);
        watcher.subscribe(recorder);
        watcher.start(EMPTY);

        assertThat(watcher.isPolling()).isTrue();
        assertThat(recorder.next()).startsWith("arrived " + STLINK);
    }

    @Test
    void devicesPresentAtStartAreNotAnnounced() throws InterruptedException {
        Recorder recorder = new Recorder();
        watcher = new BusWatcher(new ScriptedBus(WITH_STLINK, WITH_STLINK, EMPTY), 1);
        watcher.subscribe(recorder);
        watcher.start(WITH_STLINK);

        // UsbBus.subscribe: devices already present are not replayed; the first event is the removal
        assertThat(recorder.next()).startsWith("left " + STLINK);
    }

    @Test
    void aFailedLookIsSkippedAndWatchingGoesOn() throws InterruptedException {
        Recorder recorder = new Recorder();
        ScriptedBus bus = new ScriptedBus(WITH_STLINK);
        bus.failNext(new UsbException("LIBUSB_ERROR_NO_MEM"));
        bus.failNext(new IllegalStateException("contextPointer is not initialized"));
        watcher = new BusWatcher(bus, 1);
        watcher.subscribe(recorder);
        watcher.start(EMPTY);

        assertThat(recorder.next()).startsWith("arrived " + STLINK);
    }

    @Test
    void aThrowingListenerDoesNotKeepTheEventFromTheOthers() throws InterruptedException {
        Recorder recorder = new Recorder();
        watcher = hotplugWatcher(new ScriptedBus(WITH_STLINK));
        watcher.subscribe(new UsbHotplugListener() {
            @Override
            public void arrived(UsbDeviceInfo device) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void left(UsbDeviceInfo device) {
            }
        });
        watcher.subscribe(recorder);
        watcher.start(EMPTY);

        watcher.wake();
        assertThat(recorder.next()).startsWith("arrived " + STLINK);
    }

    @Test
    void aClosedSubscriptionHearsNothingMore() throws InterruptedException {
        Recorder unsubscribed = new Recorder();
        Recorder subscribed = new Recorder();
        watcher = hotplugWatcher(new ScriptedBus(WITH_STLINK));
        UsbSubscription subscription = watcher.subscribe(unsubscribed);
        watcher.subscribe(subscribed);
        watcher.start(EMPTY);
        subscription.close();

        watcher.wake();
        // listeners are called in subscription order, so the first one would have heard it by now
        assertThat(subscribed.next()).startsWith("arrived " + STLINK);
        assertThat(unsubscribed.events).isEmpty();
    }

    @Test
    void fallingBackToPollingKeepsWatching() throws InterruptedException {
        Recorder recorder = new Recorder();
        watcher = new BusWatcher(new ScriptedBus(EMPTY, WITH_STLINK), 1);
        watcher.useHotplug();
        watcher.subscribe(recorder);
        watcher.start(EMPTY);
        assertThat(watcher.isPolling()).isFalse();

        // what the event loop does when libusb's event handling keeps failing
        watcher.switchToPolling();

        assertThat(watcher.isPolling()).isTrue();
        assertThat(recorder.next()).startsWith("arrived " + STLINK);
    }

    private static BusWatcher hotplugWatcher(BusSnapshotSource bus) {
        // a long poll interval, so that only wake-ups can explain an event within the test's lifetime
        BusWatcher watcher = new BusWatcher(bus, TimeUnit.HOURS.toMillis(1));
        watcher.useHotplug();
        return watcher;
    }

    /** Answers each look with the next scripted list, then keeps answering with the last one. */
    private static final class ScriptedBus implements BusSnapshotSource {
        private final Deque<Map<DeviceKey, UsbDeviceInfo>> looks;
        private final Deque<Exception> failures = new ArrayDeque<>();

        @SafeVarargs
        ScriptedBus(Map<DeviceKey, UsbDeviceInfo>... looks) {
            this.looks = new ArrayDeque<>(List.of(looks));
        }

        synchronized void failNext(Exception failure) {
            failures.add(failure);
        }

        @Override
        public synchronized Map<DeviceKey, UsbDeviceInfo> scan() throws UsbException {
            Exception failure = failures.poll();
            if (failure instanceof UsbException usb) {
                throw usb;
            }
            if (failure != null) {
                throw (RuntimeException) failure;
            }
            return looks.size() > 1 ? looks.poll() : looks.peek();
        }
    }

    /** Notes each event with the thread it came on. */
    private static final class Recorder implements UsbHotplugListener {
        private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

        @Override
        public void arrived(UsbDeviceInfo device) {
            events.add("arrived " + device + " on " + Thread.currentThread().getName());
        }

        @Override
        public void left(UsbDeviceInfo device) {
            events.add("left " + device + " on " + Thread.currentThread().getName());
        }

        String next() throws InterruptedException {
            String event = events.poll(20, TimeUnit.SECONDS);
            assertThat(event).as("an event within the hang guard").isNotNull();
            return event;
        }
    }
}
