package io.flashstation.station.results;

import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The station stand-in that {@link ResultStoreKillTest} kills: records attempt after attempt into the H2 file in
 * the directory given, printing "index attempt-id" after each commit returns. Bounded, in case nobody kills it.
 */
public final class RecordingChild {

    static final int MAX_ROWS = 20_000;

    private RecordingChild() {
    }

    /** The attempt this child records as its {@code index}-th: the parent rebuilds it to compare. */
    static AttemptRecord attempt(int index, UUID id) {
        return SampleAttempts.pass(index % 7, index).attemptId(id)
                .outcome(AttemptOutcome.PASS, Optional.empty(), "row " + index).build();
    }

    public static void main(String[] args) {
        try (ResultStore store = ResultStore.open(ResultDatabase.h2File(Path.of(args[0])))) {
            for (int index = 0; index < MAX_ROWS; index++) {
                UUID id = UUID.randomUUID();
                store.record(attempt(index, id));
                System.out.println(index + " " + id);
                System.out.flush();
            }
        }
    }
}
