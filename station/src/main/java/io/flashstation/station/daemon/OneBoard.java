package io.flashstation.station.daemon;

import io.flashstation.probe.ProbeDriver;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.flash.FlashProgressListener;
import io.flashstation.station.config.StationSettings;
import io.flashstation.station.image.StationImage;
import io.flashstation.station.probes.ProbeDrivers;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.results.ResultDatabase;
import io.flashstation.station.results.ResultStore;
import io.flashstation.station.sim.SimFaults;
import io.flashstation.station.sim.SimulatedLab;
import io.flashstation.station.slot.Backend;
import io.flashstation.station.slot.OpenOcdBackend;
import io.flashstation.station.slot.SerialText;
import io.flashstation.station.slot.Slot;
import io.flashstation.station.slot.SlotIdentity;
import io.flashstation.station.slot.SlotSettings;
import io.flashstation.station.slot.SlotWorker;
import io.flashstation.usb.UsbBus;
import io.flashstation.usb.UsbDeviceInfo;
import io.flashstation.usb.UsbException;
import io.flashstation.usb.libusb.LibUsbBus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/** One board flashed now, through a slot of its own, and recorded like the daemon's boards. */
public final class OneBoard {

    private OneBoard() {
    }

    /** Why nothing was flashed: no probe, several probes and none chosen, no OpenOCD. */
    public static final class NothingFlashedException extends Exception {

        public NothingFlashedException(String message) {
            super(message);
        }
    }

    /**
     * Flashes the board on the probe {@code selector} names (serial or port-PATH; the only probe when empty), on
     * the USB bus or, with {@code simulatedKind}, on a virtual probe of that class holding a fresh virtual board.
     */
    public static AttemptRecord flash(StationSettings settings, Path stateDir, Optional<String> simulatedKind,
            Optional<String> selector, Backend backend, StationImage image, FlashProgressListener progress)
            throws NothingFlashedException {
        Optional<SimulatedLab> lab = simulatedKind.map(kind -> SimulatedLab.create(new SimulatedLab.SimSettings(1,
                kind, Duration.ofHours(1), SimFaults.NONE, false, 1)));
        lab.ifPresent(SimulatedLab::placeFirstBoards);
        UsbBus bus = lab.<UsbBus>map(SimulatedLab::bus).orElseGet(LibUsbBus::start);
        try (ResultStore store = ResultStore.open(ResultDatabase.h2File(stateDir))) {
            UsbDeviceInfo device = select(bus, selector);
            ProbeDriver driver = ProbeDrivers.driverFor(device).orElseThrow();
            Optional<OpenOcdBackend> openocd = backend == Backend.OPENOCD
                    ? settings.openOcd(stlinkServerPort(lab)) : Optional.empty();
            if (backend == Backend.OPENOCD && openocd.isEmpty()) {
                throw new NothingFlashedException("--backend openocd, but no usable OpenOCD was found at "
                        + settings.config().openocd().executable() + " (station.openocd.executable)");
            }
            SlotSettings slotSettings = new SlotSettings(settings.flashPolicy(image.preserves()), () -> image,
                    settings.pollInterval(), settings.wireRetries(), openocd);
            Slot slot = new Slot(new SlotIdentity("flash-command", "opening", SerialText.printableOr(
                    device.serial(), ""), device.portPath()));
            slot.watchProgress(progress);
            ResultRecorder recorder = new ResultRecorder(settings.stationId(), store);
            AtomicReference<AttemptRecord> recorded = new AtomicReference<>();
            recorder.onRecorded(recorded::set);
            new SlotWorker(slot, device, () -> driver.open(bus, device), backend, slotSettings, recorder,
                    Clock.systemUTC()).flashOnce();
            return Optional.ofNullable(recorded.get()).orElseThrow(() -> new NothingFlashedException(
                    "the result could not be recorded in " + stateDir));
        } catch (ProbeException | UsbException e) {
            throw new NothingFlashedException("the probe could not be used: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new NothingFlashedException(e.getMessage());
        } finally {
            lab.ifPresent(SimulatedLab::close);
            bus.close();
        }
    }

    private static UsbDeviceInfo select(UsbBus bus, Optional<String> selector) throws UsbException,
            NothingFlashedException {
        List<UsbDeviceInfo> probes = bus.devices().stream()
                .filter(d -> ProbeDrivers.driverFor(d).isPresent()).toList();
        List<UsbDeviceInfo> chosen = selector.map(s -> probes.stream().filter(d -> s.equals(d.serial())
                || s.equals("port-" + d.portPath())).toList()).orElse(probes);
        if (chosen.size() == 1) {
            return chosen.get(0);
        }
        String present = probes.isEmpty() ? "none" : probes.stream()
                .map(d -> SerialText.printableOr(d.serial(), "?") + " (port-" + d.portPath() + ")")
                .collect(Collectors.joining(", "));
        throw new NothingFlashedException(chosen.isEmpty()
                ? "no probe " + selector.map(s -> "'" + s + "' ").orElse("") + "found (probes present: " + present + ")"
                : "several probes are present; choose one with --probe: " + present);
    }

    private static OptionalInt stlinkServerPort(Optional<SimulatedLab> lab) throws NothingFlashedException {
        try {
            return lab.isPresent() ? OptionalInt.of(lab.get().serveStlinks()) : OptionalInt.empty();
        } catch (IOException e) {
            throw new NothingFlashedException("cannot serve the virtual ST-Link to OpenOCD: " + e.getMessage());
        }
    }
}
