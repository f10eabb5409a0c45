package io.flashstation.probe.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.DapBatch;
import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.ProbeCounters;
import io.flashstation.sim.cmsisdap.CmsisDapBulkDevice;
import io.flashstation.sim.cmsisdap.CmsisDapProbe;
import io.flashstation.sim.cmsisdap.ProbeIdentity;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.LinkTiming;
import org.junit.jupiter.api.Test;

/** Several commands in flight overlap USB latency with the probe's work (cmsis-dap.md §11.3; TIMING.md §3). */
class CmsisDapPipeliningTest {

    private static final int WORDS = 1024;

    @Test
    void packetsInFlightMakeABlockReadFasterInVirtualTime() throws Exception {
        // cmsis-dap.md §11.3: with DAP_PACKET_COUNT > 1 the host writes several commands before reading answers;
        // the same nanoDAP-HS with a packet count of 1 has to wait out the latency of every exchange
        ProbeIdentity pipelined = ProbeIdentity.nanoDapHs(1);
        Run withFour = readSram(pipelined);
        Run withOne = readSram(withPacketCount(pipelined, 1));

        assertThat(pipelined.packetCount()).isEqualTo(4);
        assertThat(withFour.counters()).isEqualTo(withOne.counters());
        assertThat(withFour.counters().usbRoundTrips()).isEqualTo(9); // ceil(1024 / 127), cmsis-dap.md §13.1
        // TIMING.md §3: one at a time pays L per exchange; in flight, the probe runs the 9 commands back to back
        // and only the first command's way out and the last answer's way back are not hidden behind its work
        long roundTrip = LinkTiming.BULK_HIGH_SPEED.roundTripNanos();
        assertThat(withOne.hostNanos() - withFour.hostNanos()).isGreaterThanOrEqualTo(8 * roundTrip);
    }

    private static Run readSram(ProbeIdentity identity) throws Exception {
        Fixture fixture = new Fixture();
        try (CmsisDapLab lab = new CmsisDapLab(fixture, new CmsisDapBulkDevice(new CmsisDapProbe(identity, fixture)))
                .withBoard(); DebugProbe probe = lab.open()) {
            probe.connect();
            Adiv5.powerUp(probe);
            DapBatch batch = probe.newBatch();
            int[] words = new int[WORDS];
            Adiv5.queueRead(batch, Adiv5.SRAM, words);
            ProbeCounters before = probe.counters();
            long start = probe.clock().nanos();
            batch.run();
            ProbeCounters after = probe.counters();
            return new Run(probe.clock().nanos() - start, new ProbeCounters(
                    after.usbRoundTrips() - before.usbRoundTrips(), after.swdTransfers() - before.swdTransfers()));
        }
    }

    private static ProbeIdentity withPacketCount(ProbeIdentity id, int packetCount) {
        return new ProbeIdentity(id.vendorId(), id.productId(), id.deviceVersionBcd(), id.manufacturer(), id.product(),
                id.serial(), id.interfaceName(), id.protocolVersion(), id.firmwareVersion(), id.targetDeviceVendor(),
                id.targetDeviceName(), id.speed(), id.packetSize(), packetCount, id.maxSwdClockHz());
    }

    /** Host time and counters of one block read. */
    private record Run(long hostNanos, ProbeCounters counters) {
    }
}
