package io.flashstation.probe.target;

/** Receives how far a long flash step has got, in bytes. */
@FunctionalInterface
public interface ByteProgress {

    void progress(long done, long total);

    /** Discards progress. */
    ByteProgress NONE = (done, total) -> { };
}
