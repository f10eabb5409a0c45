package io.flashstation.station.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability (issue 6 "durability", brief "Durability"): a station killed with SIGKILL while recording loses no
 * committed row and leaves no partial one; meanwhile a second process can read the file (the results command).
 */
class ResultStoreKillTest {

    /** Rows the child must have committed before it is killed: enough to be well into its loop. */
    private static final int ROWS_BEFORE_KILL = 100;

    /** The child's report of one commit; anything else on its stdout (a library's log line) is not one. */
    private static final Pattern COMMITTED = Pattern.compile("(\\d+) ([0-9a-f-]{36})");

    @TempDir
    Path stateDir;

    @Test
    void everyRowCommittedBeforeSigkillIsIntactAndNoneIsPartial() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RecordingChild.class.getName(), stateDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<Integer, UUID> printed = new LinkedHashMap<>();
        List<AttemptRecord> readWhileRunning;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            readLines(out, printed, ROWS_BEFORE_KILL / 2);
            // issue 6: "results ... also while the daemon is running" — AUTO_SERVER lets this process in.
            try (ResultStore reader = ResultStore.open(ResultDatabase.h2File(stateDir))) {
                readWhileRunning = reader.latest(10);
            }
            readLines(out, printed, ROWS_BEFORE_KILL);
            // SIGKILL through the handle: Process.destroyForcibly would also close our end of the child's stdout,
            // and the ids still in the pipe were committed too.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child ended after SIGKILL").isTrue();
            readLines(out, printed, Integer.MAX_VALUE);
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("killed, not finished").isEqualTo(137);
        assertThat(readWhileRunning).hasSize(10);

        try (ResultStore reopened = ResultStore.open(ResultDatabase.h2File(stateDir))) {
            List<AttemptRecord> stored = reopened.find(ResultQuery.all());
            Map<UUID, AttemptRecord> byId = stored.stream()
                    .collect(Collectors.toMap(AttemptRecord::attemptId, a -> a));
            List<Integer> lost = printed.entrySet().stream().filter(e -> !byId.containsKey(e.getValue()))
                    .map(Map.Entry::getKey).toList();
            assertThat(lost).as("rows printed as committed but missing after the kill").isEmpty();
            // At most the one attempt whose commit finished but whose id was never printed.
            assertThat(stored.size()).isBetween(printed.size(), printed.size() + 1);
            for (AttemptRecord row : stored) {
                int index = Integer.parseInt(row.message().substring("row ".length()));
                assertThat(row).usingRecursiveComparison().ignoringFields("attemptNumber")
                        .as("row %d whole", index).isEqualTo(RecordingChild.attempt(index, row.attemptId()));
            }
            assertAttemptNumbersHaveNoGaps(stored);
            assertThat(reopened.outboxBacklog()).as("each row queued for the central database once")
                    .isEqualTo(stored.size());
        }
    }

    /** A rolled-back attempt must not have used up a number: per UID the numbers run 1..n. */
    private static void assertAttemptNumbersHaveNoGaps(List<AttemptRecord> stored) {
        Map<String, List<Integer>> numbers = stored.stream().collect(Collectors.groupingBy(
                a -> a.chipUid().orElseThrow(), Collectors.mapping(a -> a.attemptNumber().getAsInt(),
                        Collectors.toList())));
        numbers.forEach((uid, list) -> {
            List<Integer> expected = new ArrayList<>();
            for (int n = 1; n <= list.size(); n++) {
                expected.add(n);
            }
            assertThat(list).as("attempt numbers of %s", uid).containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    private static void readLines(BufferedReader out, Map<Integer, UUID> printed, int until) throws IOException {
        while (printed.size() < until) {
            String line = out.readLine();
            if (line == null) {
                return;
            }
            Matcher committed = COMMITTED.matcher(line);
            if (committed.matches()) {
                printed.put(Integer.parseInt(committed.group(1)), UUID.fromString(committed.group(2)));
            }
        }
    }
}
