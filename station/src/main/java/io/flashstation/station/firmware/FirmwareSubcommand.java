package io.flashstation.station.firmware;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.firmware.FirmwareException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every {@code firmware} subcommand does alike: shared options, text or JSON output through picocli's writers,
 * and one way of reporting a failure (message on stderr, or a JSON {@code error}, and exit code 1).
 */
abstract class FirmwareSubcommand implements Callable<Integer> {

    /** Exit code for a firmware problem (picocli uses 2 for usage errors). */
    static final int FAILED = 1;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    FirmwareOptions options;

    @Spec
    CommandSpec spec;

    /** Does the work; returns the exit code. */
    abstract int run() throws FirmwareException, IOException;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (FirmwareException | IOException e) {
            String message = e instanceof FirmwareException ? e.getMessage() : "I/O error: " + e;
            if (options.json()) {
                ObjectNode error = JSON.createObjectNode();
                error.put("error", message);
                printJson(error);
            } else {
                err().println("error: " + message);
                err().flush();
            }
            return FAILED;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void printJson(Object node) {
        try {
            out().println(JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
        out().flush();
    }

    void println(String line) {
        out().println(line);
        out().flush();
    }
}
