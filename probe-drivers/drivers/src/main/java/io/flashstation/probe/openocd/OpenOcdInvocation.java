package io.flashstation.probe.openocd;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One OpenOCD run: the executable and its arguments, exactly as they are started (no shell in between).
 *
 * @param command the executable followed by its arguments
 */
public record OpenOcdInvocation(List<String> command) {

    public OpenOcdInvocation {
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("an invocation names at least the executable");
        }
    }

    /** The command as one line a person can paste into a POSIX shell, for the log and for support. */
    public String commandLine() {
        return command.stream().map(OpenOcdInvocation::shellQuoted).collect(Collectors.joining(" "));
    }

    private static String shellQuoted(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
