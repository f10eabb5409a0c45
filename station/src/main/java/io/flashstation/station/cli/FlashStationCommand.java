package io.flashstation.station.cli;

import io.flashstation.station.bench.BenchCommand;
import io.flashstation.station.firmware.FirmwareCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** The `flash-station` command: the root every subcommand hangs from. */
@TopCommand
@Command(name = "flash-station",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Unattended SWD flashing station for STM32F411 boards.",
        subcommands = {DaemonCommand.class, ProbesCommand.class, FlashCommand.class, ResultsCommand.class, FirmwareCommand.class,
                BenchCommand.class, SimCommand.class})
public class FlashStationCommand {
}
