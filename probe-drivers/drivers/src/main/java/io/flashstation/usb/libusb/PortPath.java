package io.flashstation.usb.libusb;

import io.flashstation.usb.UsbDeviceInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A device's physical position: bus number and the chain of hub port numbers from the root hub, written the way
 * Linux sysfs names USB devices ("1-2.4" = bus 1, root port 2, then port 4 of the hub there). Unlike the device
 * address it survives a replug into the same socket, so a station slot can be bound to it.
 *
 * @param bus   bus number (1-based)
 * @param ports port numbers from the root hub down; empty for a root hub itself
 */
record PortPath(int bus, List<Integer> ports) {

    /** USB 3 allows at most seven tiers below the root, so libusb reports at most seven port numbers. */
    static final int MAX_DEPTH = 7;

    /** Orders paths numerically, port by port, so "1-2" sorts before "1-10" and a hub before its children. */
    private static final Comparator<PortPath> ORDER = Comparator.comparingInt(PortPath::bus)
            .thenComparing(PortPath::ports, PortPath::compareLexicographically);

    /** The seam's "stable order (by port path)" for device lists. */
    static final Comparator<UsbDeviceInfo> DEVICE_ORDER =
            Comparator.comparing(device -> parse(device.portPath()), ORDER);

    PortPath {
        if (bus < 0) {
            throw new IllegalArgumentException("bus number " + bus);
        }
        ports = List.copyOf(ports);
        if (ports.size() > MAX_DEPTH || ports.stream().anyMatch(p -> p < 1 || p > 255)) {
            throw new IllegalArgumentException("port numbers " + ports);
        }
    }

    /** The path from libusb's bus number and the first {@code count} bytes of its port-number array. */
    static PortPath of(int bus, byte[] portNumbers, int count) {
        List<Integer> ports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ports.add(Byte.toUnsignedInt(portNumbers[i]));
        }
        return new PortPath(bus, ports);
    }

    /** Reads back a path written by {@link #toString()}. */
    static PortPath parse(String text) {
        int dash = text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1) {
            throw new IllegalArgumentException("not a port path: " + text);
        }
        try {
            int bus = Integer.parseInt(text.substring(0, dash));
            String rest = text.substring(dash + 1);
            if (rest.equals("0")) {
                return new PortPath(bus, List.of());
            }
            List<Integer> ports = new ArrayList<>();
            for (String port : rest.split("\\.", -1)) {
                ports.add(Integer.parseInt(port));
            }
            return new PortPath(bus, ports);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port path: " + text, e);
        }
    }

    /**
     * "bus-port.port…"; a root hub, which hangs off no port, is "bus-0" (sysfs names its interfaces "1-0:1.0").
     */
    @Override
    public String toString() {
        if (ports.isEmpty()) {
            return bus + "-0";
        }
        StringBuilder text = new StringBuilder().append(bus).append('-');
        for (int i = 0; i < ports.size(); i++) {
            text.append(i == 0 ? "" : ".").append(ports.get(i));
        }
        return text.toString();
    }

    private static int compareLexicographically(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Integer.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
