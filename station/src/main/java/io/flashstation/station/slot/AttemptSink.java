package io.flashstation.station.slot;

/** Where slots hand finished attempts: recording must be durable when this returns, before any verdict shows. */
@FunctionalInterface
public interface AttemptSink {

    /** Records {@code report}; a failure here means the result was not kept and the operator must be told. */
    void record(AttemptReport report) throws Exception;
}
