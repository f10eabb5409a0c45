package io.flashstation.probe.openocd;

import io.flashstation.probe.ProbeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One way OpenOCD drives a probe family: its interface configuration, OpenOCD's driver name for it, the transport,
 * and the driver commands that pin its backend (the recipes of openocd-recipes.md §1–§3, plus ST-Link dapdirect).
 */
enum OpenOcdAdapter {
    JLINK("interface/jlink.cfg", "jlink", OpenOcdTransport.SWD, Optional.empty(), Optional.empty()),
    /** CMSIS-DAP v1 reports over HID; pinning the backend spares OpenOCD a bulk probe of a HID-only device. */
    CMSIS_DAP_HID("interface/cmsis-dap.cfg", "cmsis-dap", OpenOcdTransport.SWD,
            Optional.of("cmsis_dap_backend hid"), Optional.empty()),
    CMSIS_DAP_BULK("interface/cmsis-dap.cfg", "cmsis-dap", OpenOcdTransport.SWD,
            Optional.of("cmsis_dap_backend usb_bulk"), Optional.empty()),
    STLINK_HLA("interface/stlink.cfg", "hla", OpenOcdTransport.HLA_SWD, Optional.empty(),
            Optional.of("hla_stlink_backend tcp %d")),
    STLINK_DAP("interface/stlink-dap.cfg", "st-link", OpenOcdTransport.DAPDIRECT_SWD, Optional.empty(),
            Optional.of("st-link backend tcp %d"));

    private final String interfaceConfig;
    private final String driverName;
    private final OpenOcdTransport transport;
    private final Optional<String> backendCommand;
    private final Optional<String> stlinkServerCommand;

    OpenOcdAdapter(String interfaceConfig, String driverName, OpenOcdTransport transport,
            Optional<String> backendCommand, Optional<String> stlinkServerCommand) {
        this.interfaceConfig = interfaceConfig;
        this.driverName = driverName;
        this.transport = transport;
        this.backendCommand = backendCommand;
        this.stlinkServerCommand = stlinkServerCommand;
    }

    /** The adapter for {@code kind}; ST-Links take the transport the settings choose. */
    static OpenOcdAdapter forProbe(ProbeKind kind, OpenOcdTransport stlinkTransport) {
        return switch (kind) {
            case JLINK_OB -> JLINK;
            case CMSIS_DAP_V1 -> CMSIS_DAP_HID;
            case CMSIS_DAP_V2_FS, CMSIS_DAP_V2_HS -> CMSIS_DAP_BULK;
            case STLINK_V2, STLINK_V2_1, STLINK_V3 ->
                    stlinkTransport == OpenOcdTransport.DAPDIRECT_SWD ? STLINK_DAP : STLINK_HLA;
        };
    }

    /** The configuration file under OpenOCD's scripts directory. */
    String interfaceConfig() {
        return interfaceConfig;
    }

    /** The name OpenOCD's {@code adapter list} gives the driver; a build without it cannot drive this family. */
    String driverName() {
        return driverName;
    }

    OpenOcdTransport transport() {
        return transport;
    }

    /**
     * The commands that follow the interface configuration: backend choice, transport, and the probe's selection.
     * A probe reached through stlink-server is picked by serial only: the server owns the USB side.
     */
    List<String> selectionCommands(OpenOcdProbe probe, OpenOcdSettings settings) {
        List<String> commands = new ArrayList<>();
        backendCommand.ifPresent(commands::add);
        boolean viaServer = stlinkServerCommand.isPresent() && settings.stlinkServerPort().isPresent();
        if (viaServer) {
            commands.add(String.format(stlinkServerCommand.get(), settings.stlinkServerPort().getAsInt()));
        }
        commands.add("transport select " + transport.openOcdName());
        commands.add("adapter serial " + probe.serial());
        if (!viaServer) {
            probe.portPath().ifPresent(path -> commands.add("adapter usb location " + path));
        }
        return commands;
    }
}
