package io.flashstation.probe.openocd;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.ProbeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether an OpenOCD is there and which probe kinds it can drive. */
class OpenOcdInstallationTest {

    // the Debian OpenOCD 0.12.0 is built with jlink, cmsis-dap, hla and st-link and ships their interface files
    @Test
    void theInstalledOpenOcdDrivesEveryProbeKind() {
        OpenOcdSettings settings = OpenOcdSettings.defaults().withExecutable(OpenOcdLab.executable());

        assertThat(OpenOcdInstallation.available(settings)).hasValueSatisfying(installation -> {
            assertThat(installation.version()).startsWith("0.12.0");
            assertThat(installation.kinds()).containsExactlyInAnyOrder(ProbeKind.values());
        });
        assertThat(OpenOcdInstallation.available(settings.withStlinkTransport(OpenOcdTransport.DAPDIRECT_SWD)))
                .hasValueSatisfying(installation -> assertThat(installation.drives(ProbeKind.STLINK_V3)).isTrue());
    }

    // src/jtag/adapter.c (adapter list): a build without a driver cannot drive its probes even with the .cfg present
    @Test
    void aKindNeedsBothTheDriverAndTheInterfaceConfiguration() {
        List<String> answer = List.of("Open On-Chip Debugger 0.12.0+dev-snapshot", "The following debug adapters "
                + "are available:", "1: ftdi", "2: hla", "3: cmsis-dap", "flash-station: found interface/stlink.cfg",
                "flash-station: found interface/jlink.cfg", "shutdown command invoked");

        OpenOcdInstallation installation = OpenOcdInstallation.parse(OpenOcdSettings.defaults(), answer).orElseThrow();

        assertThat(installation.version()).isEqualTo("0.12.0+dev-snapshot");
        assertThat(installation.kinds()).containsExactlyInAnyOrder(ProbeKind.STLINK_V2, ProbeKind.STLINK_V2_1,
                ProbeKind.STLINK_V3);
        assertThat(OpenOcdInstallation.parse(OpenOcdSettings.defaults(), List.of("sh: 1: not found"))).isEmpty();
    }
}
