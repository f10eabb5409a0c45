package io.flashstation.station.firmware;

import io.flashstation.firmware.fetch.DownloadProgress;

import java.io.PrintWriter;

/** A one-line progress bar on the terminal, redrawn only when the shown value changes. */
final class DownloadProgressBar implements DownloadProgress {

    private static final int WIDTH = 30;

    private final PrintWriter terminal;
    private String shown = "";

    DownloadProgressBar(PrintWriter terminal) {
        this.terminal = terminal;
    }

    @Override
    public void update(long received, long total) {
        String line = render(received, total);
        if (!line.equals(shown)) {
            shown = line;
            terminal.print("\r" + line);
            terminal.flush();
        }
    }

    /** Ends the bar's line, if one was drawn. */
    void finish() {
        if (!shown.isEmpty()) {
            terminal.println();
            terminal.flush();
        }
    }

    static String render(long received, long total) {
        if (total <= 0) {
            return String.format("%8d KiB", received / 1024);
        }
        int percent = (int) (received * 100 / total);
        int filled = (int) (received * WIDTH / total);
        return String.format("%3d%% [%s%s] %d/%d KiB", percent, "#".repeat(filled), ".".repeat(WIDTH - filled),
                received / 1024, total / 1024);
    }
}
