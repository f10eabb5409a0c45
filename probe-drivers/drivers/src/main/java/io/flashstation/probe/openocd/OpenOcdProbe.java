package io.flashstation.probe.openocd;

import io.flashstation.probe.ProbeKind;
import io.flashstation.usb.UsbDeviceInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * The probe OpenOCD is to open. OpenOCD opens the USB device itself, so the backend names it rather than handing
 * over an open link: by its kind, its serial (what {@code adapter serial} matches) and, where known, its USB port
 * path ("1-2.4", what {@code adapter usb location} matches) to tell apart clones that share a serial.
 *
 * @param kind     the probe class; its {@link ProbeKind#id()} is how configuration and results name it
 * @param serial   the serial as the probe reports it
 * @param portPath the USB port path, if known
 */
public record OpenOcdProbe(ProbeKind kind, String serial, Optional<String> portPath) {

    private static final int RAW_STLINK_SERIAL_BYTES = 12;

    public OpenOcdProbe {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(portPath, "portPath");
        if (serial == null || serial.isBlank()) {
            throw new IllegalArgumentException("OpenOCD selects a probe among many by its serial; none given");
        }
        // a serial is passed to OpenOCD as one Tcl word; characters that end or group words would change the command
        if (serial.chars().anyMatch(c -> Character.isWhitespace(c) || "{}[]\"$;\\".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("serial '" + serial + "' cannot be passed to OpenOCD's adapter serial");
        }
        portPath.ifPresent(path -> {
            if (!path.matches("\\d+-\\d+(\\.\\d+)*")) {
                throw new IllegalArgumentException("not a USB port path such as 1-2.4: '" + path + "'");
            }
        });
    }

    /**
     * The probe the station sees on the bus, whether or not a native driver opened it ({@code ProbeInfo.usb()} gives
     * the device of one that did). An ST-Link whose firmware reports its 12-byte ID raw is named by the 24 hex digits
     * OpenOCD and stlink-server derive from it (stlink.md §1, OpenOCD {@code stlink_usb_get_alternate_serial}).
     */
    public static OpenOcdProbe of(ProbeKind kind, UsbDeviceInfo device) {
        String serial = device.serial();
        if (serial != null && isStlink(kind) && serial.length() == RAW_STLINK_SERIAL_BYTES && !printable(serial)) {
            StringBuilder hex = new StringBuilder();
            serial.chars().forEach(c -> hex.append(String.format("%02X", c & 0xFF)));
            serial = hex.toString();
        }
        return new OpenOcdProbe(kind, serial, Optional.of(device.portPath()));
    }

    private static boolean isStlink(ProbeKind kind) {
        return kind == ProbeKind.STLINK_V2 || kind == ProbeKind.STLINK_V2_1 || kind == ProbeKind.STLINK_V3;
    }

    private static boolean printable(String serial) {
        return serial.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }

    /** A probe known by kind and serial only. */
    public static OpenOcdProbe of(ProbeKind kind, String serial) {
        return new OpenOcdProbe(kind, serial, Optional.empty());
    }

    /** The same probe, pinned to a USB port path. */
    public OpenOcdProbe atPort(String path) {
        return new OpenOcdProbe(kind, serial, Optional.of(path));
    }
}
