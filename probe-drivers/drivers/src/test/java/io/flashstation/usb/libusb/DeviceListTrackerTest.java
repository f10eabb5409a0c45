package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbSpeed;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Successive looks at the bus into arrivals and removals (issue 4: polling where libusb has no hotplug, and the
 * hotplug path too, which re-reads the list when libusb signals a change, quarkus-usb4java.md §7.5).
 */
class DeviceListTrackerTest {

    private static final UsbDeviceInfo STLINK = device(0x0483, 0x3748, 1, 5, "1-2", "STLINK-A");
    private static final UsbDeviceInfo DAPLINK = device(0x0D28, 0x0204, 1, 6, "1-3", "DAP-1");
    private static final UsbDeviceInfo JLINK = device(0x1366, 0x0101, 2, 3, "2-1", "000831004110");

    @Test
    void devicesPresentAtStartAreNotArrivals() {
        DeviceListTracker tracker = new DeviceListTracker(snapshot(STLINK, DAPLINK));
        assertThat(tracker.update(snapshot(STLINK, DAPLINK)).isEmpty()).isTrue();
    }

    @Test
    void newDeviceArrives() {
        DeviceListTracker tracker = new DeviceListTracker(snapshot(STLINK));
        DeviceListTracker.Changes changes = tracker.update(snapshot(STLINK, JLINK));
        assertThat(changes.arrived()).containsExactly(JLINK);
        assertThat(changes.left()).isEmpty();
    }

    @Test
    void missingDeviceLeaves() {
        DeviceListTracker tracker = new DeviceListTracker(snapshot(STLINK, DAPLINK));
        DeviceListTracker.Changes changes = tracker.update(snapshot(DAPLINK));
        assertThat(changes.left()).containsExactly(STLINK);
        assertThat(changes.arrived()).isEmpty();
    }

    @Test
    void eachChangeIsReportedOnce() {
        DeviceListTracker tracker = new DeviceListTracker(snapshot());
        assertThat(tracker.update(snapshot(STLINK)).arrived()).containsExactly(STLINK);
        assertThat(tracker.update(snapshot(STLINK)).isEmpty()).isTrue();
        assertThat(tracker.update(snapshot()).left()).containsExactly(STLINK);
        assertThat(tracker.update(snapshot()).isEmpty()).isTrue();
    }

    @Test
    void replugIntoTheSameSocketBetweenTwoLooksIsALeaveAndAnArrival() {
        // the address changes on every replug (UsbDeviceInfo.address), the port path does not
        UsbDeviceInfo replugged = device(0x0483, 0x3748, 1, 7, "1-2", "STLINK-A");
        DeviceListTracker tracker = new DeviceListTracker(snapshot(STLINK));
        DeviceListTracker.Changes changes = tracker.update(snapshot(replugged));
        assertThat(changes.left()).containsExactly(STLINK);
        assertThat(changes.arrived()).containsExactly(replugged);
    }

    @Test
    void removalReportsTheRecordThatArrivedEvenIfALaterLookDescribedItDifferently() {
        UsbDeviceInfo withoutStrings = device(0x0483, 0x3748, 1, 5, "1-2", null);
        DeviceListTracker tracker = new DeviceListTracker(snapshot());
        assertThat(tracker.update(snapshot(withoutStrings)).arrived()).containsExactly(withoutStrings);
        assertThat(tracker.update(snapshot(STLINK)).isEmpty()).isTrue();
        assertThat(tracker.update(snapshot()).left()).containsExactly(withoutStrings);
    }

    @Test
    void changesComeInPortPathOrder() {
        UsbDeviceInfo tenth = device(0x0483, 0x374B, 1, 9, "1-10", null);
        DeviceListTracker tracker = new DeviceListTracker(snapshot(tenth, DAPLINK));
        assertThat(tracker.update(snapshot(JLINK, STLINK)).arrived()).containsExactly(STLINK, JLINK);
        assertThat(tracker.update(snapshot()).left()).containsExactly(STLINK, JLINK);
        DeviceListTracker other = new DeviceListTracker(snapshot(tenth, DAPLINK));
        assertThat(other.update(snapshot()).left()).containsExactly(DAPLINK, tenth);
    }

    private static Map<DeviceKey, UsbDeviceInfo> snapshot(UsbDeviceInfo... devices) {
        Map<DeviceKey, UsbDeviceInfo> snapshot = new LinkedHashMap<>();
        for (UsbDeviceInfo device : devices) {
            snapshot.put(DeviceKey.of(device), device);
        }
        return snapshot;
    }

    private static UsbDeviceInfo device(int vid, int pid, int bus, int address, String portPath, String serial) {
        return new UsbDeviceInfo(vid, pid, 0x0100, serial, null, null, portPath, bus, address, UsbSpeed.FULL,
                List.of());
    }
}
