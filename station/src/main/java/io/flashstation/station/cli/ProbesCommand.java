package io.flashstation.station.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeInfo;
import io.flashstation.station.probes.ProbeDrivers;
import io.flashstation.station.sim.SimFaults;
import io.flashstation.station.sim.SimulatedLab;
import io.flashstation.station.slot.SerialText;
import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.libusb.LibUsbBus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** `flash-station probes`: the debug probes on the USB bus, as the station's drivers see them. */
@Command(name = "probes", mixinStandardHelpOptions = true,
        description = "List the probes a driver recognises: class, serial, firmware, target voltage, USB port. "
                + "Each is opened briefly, so stop the daemon first or it will report them busy.")
public class ProbesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Option(names = "--simulate", paramLabel = "N", description = "List N virtual probes (every class in turn).")
    Integer simulate;

    /** One line of the listing. */
    record Listed(String port, String kind, String serial, String firmware, OptionalDouble volts, long maxSwdKhz,
            Optional<String> problem) {
    }

    @Override
    public Integer call() throws Exception {
        if (simulate != null && (simulate < 1 || simulate > 192)) {
            throw new ParameterException(spec.commandLine(), "Invalid value '" + simulate + "' for option "
                    + "'--simulate': expected 1 to 192 virtual probes.");
        }
        Optional<SimulatedLab> lab = Optional.ofNullable(simulate).map(n -> SimulatedLab.create(
                new SimulatedLab.SimSettings(n, "mixed", Duration.ofHours(1), SimFaults.NONE, false, 1)));
        UsbBus bus = lab.<UsbBus>map(SimulatedLab::bus).orElseGet(LibUsbBus::start);
        try {
            print(list(bus));
        } finally {
            lab.ifPresent(SimulatedLab::close);
            bus.close();
        }
        return 0;
    }

    private static List<Listed> list(UsbBus bus) throws UsbException {
        List<Listed> listed = new ArrayList<>();
        for (UsbDeviceInfo device : bus.devices()) {
            var driver = ProbeDrivers.driverFor(device);
            if (driver.isEmpty()) {
                continue;
            }
            String serial = SerialText.printableOr(device.serial(), "(unprintable)");
            try (DebugProbe probe = driver.get().open(bus, device)) {
                ProbeInfo info = probe.info();
                listed.add(new Listed(device.portPath(), info.kind().id(), serial, info.firmwareVersion(),
                        probe.targetVoltage(), info.maxSwdHz() / 1000, Optional.empty()));
            } catch (ProbeException e) {
                listed.add(new Listed(device.portPath(), "?", serial, "?", OptionalDouble.empty(), 0,
                        Optional.of(e.getMessage())));
            }
        }
        return listed;
    }

    private void print(List<Listed> probes) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode array = mapper.createArrayNode();
            for (Listed p : probes) {
                array.addObject().put("port", p.port()).put("kind", p.kind()).put("serial", p.serial())
                        .put("firmware", p.firmware())
                        .put("target_volts", p.volts().isPresent() ? p.volts().getAsDouble() : null)
                        .put("max_swd_khz", p.maxSwdKhz()).put("problem", p.problem().orElse(null));
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else if (probes.isEmpty()) {
            out.println("no probe on the USB bus is one the station can drive");
        } else {
            out.printf("%-10s %-16s %-26s %-12s %7s %9s%n", "PORT", "KIND", "SERIAL", "FIRMWARE", "TARGET", "MAX SWD");
            for (Listed p : probes) {
                out.printf("%-10s %-16s %-26s %-12s %7s %9s%s%n", p.port(), p.kind(), p.serial(), p.firmware(),
                        p.volts().isPresent() ? String.format("%.2f V", p.volts().getAsDouble()) : "-",
                        p.maxSwdKhz() + " kHz", p.problem().map(m -> "  " + m).orElse(""));
            }
        }
        out.flush();
    }
}
