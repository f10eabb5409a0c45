package io.flashstation.station.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** Bad `sim serve` options are refused with a message naming the option and what it accepts, before anything starts. */
class SimServeCommandTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--probe|jlink|expected stlink-v2, stlink-v2-1, stlink-v3 or stlink-v2-clone",
        "--chip|stm32f103c8|expected stm32f411ce, stm32f401cc or stm32f401ce",
        "--timing|fast|expected typical or max",
        "--rdp|3|expected 0, 1 or 2",
        "--boards|0|expected at least 1",
        "--stlink-port|70000|expected a TCP port number"})
    void refusesAnInvalidOption(String option, String value, String expected) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FlashStationCommand());
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("sim", "serve", "--state-dir", "/nonexistent-lab", option, value);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value '" + value + "' for option '" + option + "'")
                .contains(expected);
    }
}
