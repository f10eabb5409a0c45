package io.flashstation.probe.flash;

/** Receives a session's progress events, on the session's own thread. */
@FunctionalInterface
public interface FlashProgressListener {

    void onProgress(FlashProgress progress);

    /** Ignores every event. */
    FlashProgressListener NONE = progress -> { };
}
