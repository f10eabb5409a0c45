package io.flashstation.station.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** deploy/prometheus: promtool accepts the configuration and the rules, and the rules' unit tests pass and bite. */
class PrometheusRulesTest {

    private static final Path DIR = DeployTree.deploy("prometheus");
    private static final Pattern ALERT = Pattern.compile("^\\s*- alert: (\\w+)\\s*$", Pattern.MULTILINE);
    private static final Pattern CASE =
            Pattern.compile("alertname: (\\w+)\\s*\\n\\s*exp_alerts:(\\s*\\[\\])?", Pattern.MULTILINE);

    @Test
    void checkConfigAcceptsTheScrapeConfigurationAndItsRuleFile() throws Exception {
        ToolRun run = promtool("check", "config", DIR.resolve("prometheus.yml").toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.stdout() + run.stderr()).contains("SUCCESS: 1 rule files found");
    }

    @Test
    void checkRulesAcceptsEveryAlert() throws Exception {
        ToolRun run = promtool("check", "rules", DIR.resolve("alerts.yml").toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.stdout()).contains("SUCCESS: " + alerts().size() + " rules found");
    }

    @Test
    void theUnitTestsPass() throws Exception {
        ToolRun run = promtool("test", "rules", DIR.resolve("alerts_test.yml").toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.stdout()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasAFiringAndASilentCase() throws Exception {
        Set<String> firing = new LinkedHashSet<>();
        Set<String> silent = new LinkedHashSet<>();
        Matcher m = CASE.matcher(Files.readString(DIR.resolve("alerts_test.yml")));
        while (m.find()) {
            (m.group(2) == null ? firing : silent).add(m.group(1));
        }

        assertThat(alerts()).containsExactly("FlashStationYieldLow", "FlashStationIdle", "FlashStationSlotFailing",
                "FlashStationReplicationBacklogGrowing", "FlashStationDown");
        assertThat(firing).containsExactlyInAnyOrderElementsOf(alerts());
        // FlashStationIdle's silent stations are checked inside its firing cases (the set must match exactly)
        assertThat(silent).containsAll(alerts().stream().filter(a -> !a.equals("FlashStationIdle")).toList());
    }

    /** Each change weakens or breaks one alert; the unit tests must notice every one of them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "yield threshold lowered           | ) < 0.9                                                    | ) < 0.7",
        "yield volume floor dropped        | >= 20                                                      | >= 2",
        "idle ignores recent boards        | increase(flashstation_flashes_total[30m])) > 0            | increase(flashstation_flashes_total[30m])) > 1000",
        "slot failure count raised         | [15m]) >= 3                                                | [15m]) >= 5",
        "backlog alert ignores drains      | min_over_time(flashstation_replication_backlog[30m]) > 0  | min_over_time(flashstation_replication_backlog[30m]) >= 0",
        "station down without grace        | for: 2m                                                    | for: 0m",
    })
    void theUnitTestsCatchAWeakenedRule(String change, String from, String to, @TempDir Path dir) throws Exception {
        String rules = Files.readString(DIR.resolve("alerts.yml"));
        assertThat(rules).as(change).contains(from);
        Files.writeString(dir.resolve("alerts.yml"), rules.replace(from, to));
        Files.copy(DIR.resolve("alerts_test.yml"), dir.resolve("alerts_test.yml"));

        ToolRun run = promtool("test", "rules", dir.resolve("alerts_test.yml").toString());

        assertThat(run.exitCode()).as(change + "\n" + run.output()).isNotZero();
    }

    private static Set<String> alerts() throws Exception {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ALERT.matcher(Files.readString(DIR.resolve("alerts.yml")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static ToolRun promtool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = RequiredTool.find("promtool", "prometheus").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return ToolRun.run(60, command);
    }
}
