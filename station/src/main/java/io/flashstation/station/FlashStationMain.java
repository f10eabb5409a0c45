package io.flashstation.station;

import io.quarkus.picocli.runtime.PicocliRunner;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The process entry point. Quarkus boots every extension before picocli sees the arguments, so the mode is chosen
 * here: {@code daemon} runs under the {@code daemon} configuration profile (HTTP server on); every other command
 * runs with it off, so a short command never collides with a running daemon's port.
 */
@QuarkusMain
public final class FlashStationMain {

    /** The configuration profile of the service: {@code %daemon.} keys apply to it alone. */
    public static final String DAEMON_PROFILE = "daemon";

    private FlashStationMain() {
    }

    public static void main(String... args) {
        if (System.getProperty("quarkus.profile") == null && startsDaemon(args)) {
            System.setProperty("quarkus.profile", DAEMON_PROFILE);
        }
        Quarkus.run(PicocliRunner.class, args);
    }

    /** The first argument that is not an option names the command. */
    static boolean startsDaemon(String... args) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return arg.equals("daemon");
            }
        }
        return false;
    }
}
