package io.flashstation.usb.libusb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tells, before anyone wonders why no probe shows up, that this Linux host cannot have USB devices for us.
 * libusb itself initialises happily without a USB subsystem and simply lists nothing (quarkus-usb4java.md §7.9),
 * so the reason has to be found by looking at the host.
 */
final class UsbSubsystemCheck {

    static final Path SYS_BUS_USB = Path.of("/sys/bus/usb");
    static final Path DEV_BUS_USB = Path.of("/dev/bus/usb");

    private UsbSubsystemCheck() {
    }

    /** Why this host shows no usable USB devices, or empty if nothing is known to be missing. */
    static Optional<String> problem(String osName, Path sysBusUsb, Path devBusUsb) {
        if (!osName.startsWith("Linux")) {
            return Optional.empty();
        }
        if (!Files.isDirectory(sysBusUsb)) {
            return Optional.of("no USB subsystem on this host (" + sysBusUsb
                    + " is missing, as in a container or a VM without USB)");
        }
        if (!Files.isDirectory(devBusUsb)) {
            // libusb needs the usbfs nodes to open anything; PrivateDevices=yes hides them (quarkus-usb4java.md §9).
            return Optional.of("USB devices exist but " + devBusUsb
                    + " is missing (a sandbox such as systemd PrivateDevices=yes), so none can be opened");
        }
        return Optional.empty();
    }
}
