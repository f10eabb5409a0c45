package io.flashstation.station.firmware;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flashstation.firmware.FirmwareCache;
import io.flashstation.firmware.FirmwareException;
import io.flashstation.firmware.fetch.DownloadProgress;
import io.flashstation.firmware.pin.FirmwarePin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;

/** {@code firmware fetch}: downloads the pinned image into the cache (once; verified before it is kept). */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Download the pinned image into the cache and verify it.")
public class FirmwareFetchCommand extends FirmwareSubcommand {

    @Parameters(arity = "0..1", paramLabel = "PIN", description = "Pin name (default: the active pin).")
    String pinName;

    @Option(names = "--allow-http", description = "Allow a plain-HTTP URL (trusted local mirror only).")
    boolean allowHttp;

    @Override
    int run() throws FirmwareException, IOException {
        FirmwarePin pin = options.select(options.readPins(), pinName);
        DownloadProgressBar bar = new DownloadProgressBar(err());
        FirmwareCache.Fetched fetched;
        try {
            fetched = options.openCache(allowHttp).fetch(pin, options.json() ? DownloadProgress.NONE : bar);
        } finally {
            bar.finish();
        }
        if (options.json()) {
            ObjectNode root = JSON.createObjectNode();
            root.put("pin", pin.name());
            root.put("sha256", fetched.sha256().hex());
            root.put("downloaded", fetched.downloaded());
            root.put("path", fetched.entry().toString());
            printJson(root);
        } else {
            println((fetched.downloaded() ? "fetched " : "already cached ") + pin.name() + " sha256 "
                    + fetched.sha256() + " -> " + fetched.entry());
        }
        return 0;
    }
}
