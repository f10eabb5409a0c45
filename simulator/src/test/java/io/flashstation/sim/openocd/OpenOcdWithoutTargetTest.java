package io.flashstation.sim.openocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.stlink.StlinkModel;
import io.flashstation.sim.stlink.StlinkServer;
import io.flashstation.sim.stlink.VirtualStlink;
import io.flashstation.sim.usb.VirtualUsbBus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real OpenOCD against a virtual ST-Link whose fixture is empty: it must find the probe and no target. */
class OpenOcdWithoutTargetTest {

    // stlink.md §9.1 (open sequence), §8 (voltage), §7 ("init mode failed" when ENTER fails)
    @Test
    void openOcdFindsTheProbeReadsNoVoltageAndCannotConnect() throws Exception {
        try (VirtualUsbBus bus = new VirtualUsbBus();
                StlinkServer server = new StlinkServer(bus, 0).start()) {
            bus.plug(new VirtualStlink(StlinkModel.V2, "0668FF505271754867183630", new Fixture()), "1-1");

            OpenOcdProcess.Result run = OpenOcdProcess.run(List.of(
                    "-f", "interface/stlink.cfg",
                    "-c", "hla_stlink_backend tcp " + server.port(),
                    "-c", OpenOcdProcess.NO_SERVER_PORTS,
                    "-c", "transport select hla_swd",
                    "-f", "target/stm32f4x.cfg",
                    "-c", "init; exit"));

            assertThat(run.exitCode()).as(run.output()).isNotZero();
            assertThat(run.output())
                    .contains("stlink-server API v2")
                    .contains("STLINK V2J37S7 (API v2) VID:PID 0483:3748")
                    .contains("Target voltage: 0.0")
                    .contains("init mode failed (unable to connect to the target)");
        }
    }
}
