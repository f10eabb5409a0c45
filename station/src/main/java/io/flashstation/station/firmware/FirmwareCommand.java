package io.flashstation.station.firmware;

import picocli.CommandLine.Command;

/** {@code flash-station firmware}: pin, fetch, import, verify and export the image the station flashes. */
@Command(name = "firmware", mixinStandardHelpOptions = true,
        description = "Manage the pinned firmware image and its verified offline cache.",
        subcommands = {FirmwareListCommand.class, FirmwarePinCommand.class, FirmwareFetchCommand.class,
                FirmwareImportCommand.class, FirmwareVerifyCommand.class, FirmwareExportCommand.class})
public class FirmwareCommand {
}
