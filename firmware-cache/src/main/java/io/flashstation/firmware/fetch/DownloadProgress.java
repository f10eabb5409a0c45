package io.flashstation.firmware.fetch;

/** Told how far a download has come; called from the downloading thread, so it must return quickly. */
@FunctionalInterface
public interface DownloadProgress {

    /** A listener for callers that show nothing. */
    DownloadProgress NONE = (received, total) -> { };

    /**
     * @param received bytes of the file on disk so far, including those kept from an interrupted attempt
     * @param total    the file's size, or -1 while the server has not said
     */
    void update(long received, long total);
}
