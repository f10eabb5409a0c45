package io.flashstation.station.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/install.sh and deploy/uninstall.sh run for real into a temporary DESTDIR that looks like a fresh system,
 * with a stand-in for the built application (the test does not build the station).
 */
class InstallScriptTest {

    /** Directories a Debian system already has; the scripts must leave them as they found them. */
    private static final List<String> SYSTEM_DIRS = List.of("etc/systemd/system", "etc/udev/rules.d",
            "etc/sysusers.d", "opt", "usr/local/bin", "usr/share/doc", "var/lib", "var/cache");

    @TempDir
    Path work;
    private Path app;
    private Path config;
    private Path destdir;

    @BeforeEach
    void freshSystemAndBuiltApp() throws IOException {
        app = work.resolve("quarkus-app");
        write(app.resolve("quarkus-run.jar"), "PK run");
        write(app.resolve("lib/main/io.flashstation.station.jar"), "PK station");
        write(app.resolve("quarkus/quarkus-application.dat"), "dat");
        config = work.resolve("application.properties");
        write(config, "station.id=line-1\n");
        destdir = work.resolve("root");
        for (String dir : SYSTEM_DIRS) {
            Files.createDirectories(destdir.resolve(dir));
        }
    }

    @Test
    void installsEveryPieceWhereTheUnitAndTheOperationsGuideExpectIt() throws Exception {
        ToolRun run = install();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(file("opt/flash-station/quarkus-run.jar")).isEqualTo("f rw-r--r-- " + sha("PK run"));
        assertThat(file("opt/flash-station/lib/main/io.flashstation.station.jar")).startsWith("f rw-r--r--");
        assertThat(file("opt/flash-station/quarkus/quarkus-application.dat")).startsWith("f rw-r--r--");
        assertThat(file("etc/flash-station/application.properties")).isEqualTo("f rw-r----- " + sha("station.id=line-1\n"));
        assertThat(file("etc/systemd/system/flash-station.service"))
                .isEqualTo("f rw-r--r-- " + shaOf(DeployTree.deploy("systemd", "flash-station.service")));
        assertThat(file("etc/udev/rules.d/60-flash-station.rules"))
                .isEqualTo("f rw-r--r-- " + shaOf(DeployTree.deploy("udev", "60-flash-station.rules")));
        assertThat(file("etc/sysusers.d/flash-station.conf")).startsWith("f rw-r--r--");
        assertThat(file("usr/local/bin/flash-station")).isEqualTo("f rwxr-xr-x " + shaOf(DeployTree.deploy("flash-station")));
        assertThat(file("usr/share/doc/flash-station/operations.md"))
                .isEqualTo("f rw-r--r-- " + shaOf(DeployTree.root().resolve("docs/operations.md")));
        // enabling is left to the system that boots the tree
        assertThat(destdir.resolve("etc/systemd/system/multi-user.target.wants")).doesNotExist();
    }

    @Test
    void theSysusersFileCreatesTheUserTheUnitRunsAsWithTheStateDirectoryAsHome() throws Exception {
        install();

        List<String> lines = Files.readAllLines(destdir.resolve("etc/sysusers.d/flash-station.conf")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        // sysusers.d(5): u name id "gecos" home shell; "-" lets the system pick a system uid and same-named group
        assertThat(lines).singleElement().asString()
                .matches("u flash-station - \"[^\"]+\" /var/lib/flash-station /usr/sbin/nologin");
    }

    @Test
    void runningItTwiceGivesTheSameTree() throws Exception {
        install();
        Map<String, String> first = TreeSnapshot.of(destdir);

        ToolRun again = install();

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(TreeSnapshot.of(destdir)).isEqualTo(first);
    }

    @Test
    void anUpdateReplacesTheApplicationButNeverTheOperatorsConfiguration() throws Exception {
        install();
        write(destdir.resolve("etc/flash-station/application.properties"), "station.id=edited-by-operator\n");
        Files.delete(app.resolve("quarkus/quarkus-application.dat"));
        write(app.resolve("lib/main/io.flashstation.station.jar"), "PK station v2");
        write(config, "station.id=new-default\n");

        ToolRun run = install();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.stdout()).contains("keeping the existing /etc/flash-station/application.properties");
        assertThat(destdir.resolve("etc/flash-station/application.properties")).hasContent("station.id=edited-by-operator");
        assertThat(destdir.resolve("opt/flash-station/quarkus/quarkus-application.dat")).doesNotExist();
        assertThat(destdir.resolve("opt/flash-station/lib/main/io.flashstation.station.jar")).hasContent("PK station v2");
        try (var leftovers = Files.list(destdir.resolve("opt"))) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactly("flash-station");
        }
    }

    @Test
    void uninstallRemovesWhatInstallAddedAndKeepsConfigurationAndResults() throws Exception {
        Map<String, String> fresh = TreeSnapshot.of(destdir);
        install();
        write(destdir.resolve("var/lib/flash-station/results.mv.db"), "rows");

        ToolRun run = uninstall();

        assertThat(run.exitCode()).as(run.output()).isZero();
        Map<String, String> expected = new HashMap<>(fresh);
        Map<String, String> after = TreeSnapshot.of(destdir);
        for (String kept : List.of("etc/flash-station", "etc/flash-station/application.properties",
                "var/lib/flash-station", "var/lib/flash-station/results.mv.db")) {
            assertThat(after).containsKey(kept);
            expected.put(kept, after.get(kept));
        }
        assertThat(after).isEqualTo(expected);
    }

    @Test
    void purgeLeavesTheSystemAsItWasBeforeTheInstall() throws Exception {
        Map<String, String> fresh = TreeSnapshot.of(destdir);
        install();
        write(destdir.resolve("var/lib/flash-station/results.mv.db"), "rows");
        write(destdir.resolve("var/cache/flash-station/libusb4java.so"), "elf");

        ToolRun run = uninstall("--purge");

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(TreeSnapshot.of(destdir)).isEqualTo(fresh);
    }

    @Test
    void refusesWithoutABuiltApplicationAndTouchesNothing() throws Exception {
        Map<String, String> fresh = TreeSnapshot.of(destdir);
        Files.delete(app.resolve("quarkus-run.jar"));

        ToolRun run = install();

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.stderr()).contains("no built application at " + app);
        assertThat(TreeSnapshot.of(destdir)).isEqualTo(fresh);
    }

    @Test
    void refusesAnUnknownOption() throws Exception {
        ToolRun run = runScript("install.sh", Map.of(), "--destdir", destdir.toString(), "--frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("unknown option --frobnicate");
    }

    private ToolRun install() throws Exception {
        // DESTDIR through the environment, as make-style packaging passes it
        return runScript("install.sh", Map.of("DESTDIR", destdir.toString()),
                "--app", app.toString(), "--config", config.toString());
    }

    private ToolRun uninstall(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("--destdir", destdir.toString()));
        args.addAll(List.of(options));
        return runScript("uninstall.sh", Map.of(), args.toArray(String[]::new));
    }

    private ToolRun runScript(String script, Map<String, String> env, String... args) throws Exception {
        // POSIX sh (dash on Debian), as the scripts declare
        List<String> command = new ArrayList<>(List.of(RequiredTool.find("sh", "dash").toString(),
                DeployTree.deploy(script).toString()));
        command.addAll(List.of(args));
        return ToolRun.run(work, env, 60, command);
    }

    private String file(String relative) throws IOException {
        return TreeSnapshot.of(destdir).get(relative);
    }

    private static String sha(String content) {
        return TreeSnapshot.sha256(content.getBytes(StandardCharsets.UTF_8));
    }

    private static String shaOf(Path path) throws IOException {
        return TreeSnapshot.sha256(Files.readAllBytes(path));
    }

    private static void write(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
