package io.flashstation.station.probes;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeDriver;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.cmsisdap.CmsisDapDriver;
import io.flashstation.probe.jlink.JlinkDriver;
import io.flashstation.probe.stlink.StlinkDriver;
import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import java.util.List;
import java.util.Optional;

/** The probe drivers the station knows, and finding and opening a probe on a bus through their recognition. */
public final class ProbeDrivers {

    /** Every driver, asked in order; a new probe family is one more entry. */
    private static final List<ProbeDriver> ALL = List.of(new CmsisDapDriver(), new StlinkDriver(), new JlinkDriver());

    private ProbeDrivers() {
    }

    /** The driver that recognises {@code device}, if any. */
    public static Optional<ProbeDriver> driverFor(UsbDeviceInfo device) {
        return ALL.stream().filter(driver -> driver.recognises(device)).findFirst();
    }

    /** Opens the first device on {@code bus} a driver recognises; empty when none is recognised. */
    public static Optional<DebugProbe> openFirst(UsbBus bus) throws ProbeException, UsbException {
        for (UsbDeviceInfo device : bus.devices()) {
            Optional<ProbeDriver> driver = driverFor(device);
            if (driver.isPresent()) {
                return Optional.of(driver.get().open(bus, device));
            }
        }
        return Optional.empty();
    }
}
