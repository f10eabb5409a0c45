package io.flashstation.sim.stlink;

import io.flashstation.sim.usb.VirtualUsbBus;
import io.flashstation.sim.usb.VirtualUsbLink;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbEndpointInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.UsbInterfaceInfo;
import io.flashstation.usb.UsbTransferType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ST-Links an stlink-server serves: every ST-Link on the bus gets a device id that stays with it while it
 * is plugged in; while at least one client has it open, the server holds one USB link to it, which clients
 * share (or one client holds exclusively) and use one command at a time.
 */
final class ServedProbes {

    /** Every ST-Link PID in OpenOCD 0.12.0's interface configs (stlink.md §1). */
    private static final Set<Integer> STLINK_PIDS = Set.of(0x3744, 0x3748, 0x374B, 0x374D, 0x374E, 0x374F, 0x3752,
            0x3753, 0x3754);
    private static final int DEBUG_INTERFACE = 0;
    /** Every ST-Link answers on IN endpoint 0x81 (stlink.md §1). */
    private static final int REPLY_ENDPOINT = 0x81;

    private final VirtualUsbBus bus;
    private final Map<String, Integer> idsByPlug = new HashMap<>();
    private final Map<Integer, UsbDeviceInfo> devicesById = new HashMap<>();
    private final Map<Integer, OpenProbe> openById = new HashMap<>();
    private final Map<Integer, OpenProbe> openByConnection = new HashMap<>();
    private int nextDeviceId = 1;
    private int nextConnectId = 1;

    ServedProbes(VirtualUsbBus bus) {
        this.bus = bus;
    }

    /** An ST-Link as listed to clients. */
    record Listed(int deviceId, UsbDeviceInfo info) {
    }

    /** Re-enumerates the bus; ids of devices still plugged in (same port, same address) do not change. */
    synchronized List<Listed> refresh() throws UsbException {
        List<Listed> listed = new ArrayList<>();
        for (UsbDeviceInfo info : bus.devices()) {
            if (info.vendorId() != StlinkModel.VENDOR_ID || !STLINK_PIDS.contains(info.productId())) {
                continue;
            }
            int id = idsByPlug.computeIfAbsent(info.portPath() + "@" + info.address(), key -> nextDeviceId++);
            devicesById.put(id, info);
            listed.add(new Listed(id, info));
        }
        return listed;
    }

    /** True while one client holds the device for itself. */
    synchronized boolean exclusivelyOpen(int deviceId) {
        OpenProbe open = openById.get(deviceId);
        return open != null && open.exclusive;
    }

    /** Opens a listed device for a client; returns the connection id, or empty when it cannot be had. */
    synchronized Optional<Integer> open(int deviceId, boolean exclusive) {
        UsbDeviceInfo info = devicesById.get(deviceId);
        if (info == null) {
            return Optional.empty();
        }
        OpenProbe probe = openById.get(deviceId);
        if (probe != null && (exclusive || probe.exclusive)) {
            return Optional.empty();
        }
        if (probe == null) {
            VirtualUsbLink link = null;
            try {
                link = bus.openVirtual(info);
                link.claimInterface(DEBUG_INTERFACE);
                probe = new OpenProbe(deviceId, link, exclusive);
            } catch (UsbException e) {
                if (link != null) {
                    link.close();
                }
                return Optional.empty();
            }
            openById.put(deviceId, probe);
        }
        int connectId = nextConnectId++;
        probe.connections.add(connectId);
        openByConnection.put(connectId, probe);
        return Optional.of(connectId);
    }

    /** The open probe a connection id refers to. */
    synchronized Optional<OpenProbe> byConnection(int connectId) {
        return Optional.ofNullable(openByConnection.get(connectId));
    }

    /** Ends a connection; the last one to leave closes the USB link. */
    synchronized boolean close(int connectId) {
        OpenProbe probe = openByConnection.remove(connectId);
        if (probe == null) {
            return false;
        }
        probe.connections.remove(connectId);
        if (probe.connections.isEmpty()) {
            openById.remove(probe.deviceId);
            probe.link.close();
        }
        return true;
    }

    /** Closes every link (server shutdown). */
    synchronized void closeAll() {
        openById.values().forEach(probe -> probe.link.close());
        openById.clear();
        openByConnection.clear();
    }

    /** One ST-Link held open by the server, with the endpoints of its debug interface. */
    static final class OpenProbe {
        final int deviceId;
        final VirtualUsbLink link;
        final boolean exclusive;
        final int outEndpoint;
        final int inEndpoint;
        final int traceEndpoint;
        final Set<Integer> connections = new HashSet<>();

        OpenProbe(int deviceId, VirtualUsbLink link, boolean exclusive) throws UsbException {
            this.deviceId = deviceId;
            this.link = link;
            this.exclusive = exclusive;
            UsbInterfaceInfo debug = link.device().findInterface(DEBUG_INTERFACE)
                    .orElseThrow(() -> new UsbException(link.device() + " has no debug interface"));
            this.outEndpoint = bulkEndpoints(debug, false).stream().findFirst()
                    .orElseThrow(() -> new UsbException(link.device() + " has no bulk OUT endpoint"));
            this.inEndpoint = REPLY_ENDPOINT;
            this.traceEndpoint = bulkEndpoints(debug, true).stream().filter(a -> a != REPLY_ENDPOINT).findFirst()
                    .orElse(-1);
        }

        private static List<Integer> bulkEndpoints(UsbInterfaceInfo debug, boolean in) {
            return debug.endpoints().stream()
                    .filter(e -> e.type() == UsbTransferType.BULK && e.isIn() == in)
                    .map(UsbEndpointInfo::address)
                    .toList();
        }
    }
}
