package io.flashstation.station.cli;

import io.flashstation.probe.flash.FlashProgress;
import io.flashstation.probe.flash.FlashProgressListener;
import java.io.PrintWriter;
import java.util.Locale;

/** Shows a flash session's progress: a redrawn bar on a terminal, one line per phase otherwise. */
final class FlashProgressBar implements FlashProgressListener {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private String phase = "";
    private int shownPercent = -1;

    FlashProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void onProgress(FlashProgress progress) {
        String name = progress.phase().name().toLowerCase(Locale.ROOT);
        int percent = progress.bytesTotal() > 0 ? (int) (100 * progress.bytesDone() / progress.bytesTotal()) : 0;
        boolean newPhase = !name.equals(phase);
        if (!newPhase && percent == shownPercent) {
            return;
        }
        if (terminal) {
            int filled = percent * WIDTH / 100;
            out.printf("\r%-8s [%s%s] %3d%%", name, "#".repeat(filled), ".".repeat(WIDTH - filled), percent);
        } else if (newPhase) {
            out.println(name + "...");
        }
        out.flush();
        phase = name;
        shownPercent = percent;
    }

    /** Ends the bar's line before the verdict is printed. */
    void finish() {
        if (terminal && !phase.isEmpty()) {
            out.println();
            out.flush();
        }
    }
}
