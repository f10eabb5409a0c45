package io.flashstation.station.bench;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeException;
import io.flashstation.probe.flash.FlashPolicy;
import io.flashstation.probe.flash.FlashProgressListener;
import io.flashstation.probe.flash.FlashResult;
import io.flashstation.probe.flash.FlashSession;
import io.flashstation.sim.lab.BenchLab;
import io.flashstation.station.probes.ProbeDrivers;
import io.flashstation.sim.lab.VirtualProbeFactory;
import io.flashstation.usb.UsbException;
import java.util.ArrayList;
import java.util.List;

/**
 * Flashes boards in the virtual lab the way a station slot does: one probe, found and opened through the drivers'
 * recognition, and one {@link FlashSession} per board as boards are swapped in its fixture.
 */
public final class Bench {

    private Bench() {
    }

    /** Runs {@code settings}; every board's outcome is in the result, failures included. */
    public static BenchRun run(BenchSettings settings) throws BenchSetupException {
        String kindId = settings.kind().id();
        if (!VirtualProbeFactory.kinds().contains(kindId)) {
            throw new BenchSetupException("probe kind '" + kindId + "' is not available yet: the virtual lab cannot "
                    + "build one (available: " + String.join(", ", VirtualProbeFactory.kinds()) + ")");
        }
        long wallStart = System.nanoTime();
        try (BenchLab lab = BenchLab.of(kindId, settings.timing()); DebugProbe probe = open(lab, kindId)) {
            if (probe.info().kind() != settings.kind()) {
                throw new BenchSetupException("the driver took the virtual " + kindId + " for a "
                        + probe.info().kind().id());
            }
            FlashPolicy policy = FlashPolicy.defaults().withSwdClockHz(settings.swdKhz() * 1000)
                    .withVerify(settings.readBack());
            List<FlashResult> results = new ArrayList<>();
            for (int board = 0; board < settings.boards(); board++) {
                lab.insertBoard(board);
                results.add(new FlashSession(probe, policy, FlashProgressListener.NONE).run(settings.image()));
            }
            return new BenchRun(probe.info().kind(), settings.image().size(), results,
                    (System.nanoTime() - wallStart) / 1e9);
        }
    }

    private static DebugProbe open(BenchLab lab, String kindId) throws BenchSetupException {
        try {
            return ProbeDrivers.openFirst(lab.bus()).orElseThrow(() -> new BenchSetupException(
                    "probe kind '" + kindId + "' is not available yet: no driver recognises the virtual " + kindId));
        } catch (ProbeException | UsbException e) {
            throw new BenchSetupException("cannot open the virtual " + kindId + ": " + e.getMessage(), e);
        }
    }
}
