package io.flashstation.station.cli;

import picocli.CommandLine.Command;

/** `flash-station sim …`: the virtual lab, for demos and for pointing third-party tools at virtual boards. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Run the virtual lab.",
        subcommands = {SimServeCommand.class, SimSoakCommand.class})
public class SimCommand {
}
