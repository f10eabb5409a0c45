package io.flashstation.probe.openocd;

import io.flashstation.probe.flash.FlashImage;
import io.flashstation.probe.flash.FlashPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the OpenOCD command line for one board (pure: nothing is started or written). The order matters to
 * OpenOCD: script directories, the interface configuration and its driver commands, the server ports, the work-area
 * override, then the target configuration, the reset wiring, and the flash script.
 */
final class OpenOcdInvocationBuilder {

    /** OpenOCD's configuration for the STM32F4 line, which covers the F401 and F411. */
    static final String TARGET_CONFIG = "target/stm32f4x.cfg";

    /**
     * OpenOCD's gdb, telnet and Tcl servers are not used, and their fixed default ports would make every OpenOCD
     * after the first fail at {@code init}: with them off, dozens can run at once.
     */
    static final List<String> NO_SERVERS = List.of("gdb_port disabled", "telnet_port disabled", "tcl_port disabled");

    /**
     * The fixture wires SWDIO, SWCLK, GND and 3.3 V only (openocd-recipes.md "Wiring"): no NRST, so every reset is
     * the core's SYSRESETREQ, as in the tutorial's J-Link and ST-Link recipes.
     */
    static final String RESET_WIRING = "reset_config none separate";

    private OpenOcdInvocationBuilder() {
    }

    /** The invocation flashing {@code image}, already written to {@code file}, through {@code probe}. */
    static OpenOcdInvocation flash(OpenOcdSettings settings, OpenOcdProbe probe, FlashPolicy policy, FlashImage image,
            ImageFile file) {
        return withScript(settings, probe, FlashScript.commands(policy, image, file));
    }

    /** The invocation that only connects and identifies the board in {@code probe}'s fixture. */
    static OpenOcdInvocation look(OpenOcdSettings settings, OpenOcdProbe probe) {
        return withScript(settings, probe, FlashScript.lookCommands());
    }

    private static OpenOcdInvocation withScript(OpenOcdSettings settings, OpenOcdProbe probe, List<String> script) {
        OpenOcdAdapter adapter = OpenOcdAdapter.forProbe(probe.kind(), settings.stlinkTransport());
        List<String> command = new ArrayList<>();
        command.add(settings.executable().toString());
        for (Path dir : settings.searchDirs()) {
            command.add("-s");
            command.add(dir.toString());
        }
        file(command, adapter.interfaceConfig());
        adapter.selectionCommands(probe, settings).forEach(c -> command(command, c));
        NO_SERVERS.forEach(c -> command(command, c));
        settings.workAreaBytes().ifPresent(bytes -> command(command, "set WORKAREASIZE " + bytes));
        file(command, TARGET_CONFIG);
        command(command, RESET_WIRING);
        script.forEach(c -> command(command, c));
        return new OpenOcdInvocation(command);
    }

    private static void file(List<String> command, String config) {
        command.add("-f");
        command.add(config);
    }

    private static void command(List<String> command, String tcl) {
        command.add("-c");
        command.add(tcl);
    }
}
