package io.flashstation.station.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL for tests (issue 7: "never a mock or an embedded imitation"): the server named by
 * FLASHSTATION_TEST_PG_URL (with FLASHSTATION_TEST_PG_USER / _PASSWORD), else a throwaway cluster this JVM starts
 * from the installed binaries on a free loopback port and stops on exit. Each test gets a schema of its own. With
 * neither, tests skip, or fail when FLASHSTATION_CI=1.
 */
final class TestPostgres {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]*)(\\?.*)?");
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static Server server;
    private static String unavailable;

    /** Where the server listens and how to log in. */
    record Server(String host, int port, String database, String query, String user, String password) {

        String url(String host, int port, String schema) {
            String params = query.isEmpty() ? "?currentSchema=" + schema : query + "&currentSchema=" + schema;
            return "jdbc:postgresql://" + host + ":" + port + "/" + database + params;
        }
    }

    private TestPostgres() {
    }

    /** A new, empty schema on the test server. */
    static ResultDatabase freshDatabase() {
        return throughPort(freshSchema(), server().port());
    }

    /** A new, empty schema's name, to reach through {@link #throughPort} (for example via a proxy). */
    static String freshSchema() {
        Server pg = server();
        String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection admin = DriverManager.getConnection(pg.url(pg.host(), pg.port(), "public"), pg.user(),
                pg.password()); Statement create = admin.createStatement()) {
            create.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test schema on the test PostgreSQL", e);
        }
        return schema;
    }

    /** A schema on the test server reached on another loopback port (a proxy in front of the server). */
    static ResultDatabase throughPort(String schema, int port) {
        Server pg = server();
        return ResultDatabase.postgres(pg.url(pg.host(), port, schema), pg.user(), pg.password());
    }

    /** How a separate process (the daemon) logs in to {@code schema}: JDBC URL, user, password. */
    static List<String> loginFor(String schema) {
        Server pg = server();
        return List.of(pg.url(pg.host(), pg.port(), schema), pg.user(), pg.password());
    }

    /** The server's own address, for a proxy to forward to. */
    static InetSocketAddress address() {
        Server pg = server();
        return new InetSocketAddress(pg.host(), pg.port());
    }

    private static synchronized Server server() {
        if (server == null && unavailable == null) {
            try {
                server = Optional.ofNullable(System.getenv("FLASHSTATION_TEST_PG_URL")).filter(u -> !u.isBlank())
                        .map(TestPostgres::external).orElseGet(TestPostgres::startCluster);
            } catch (RuntimeException e) {
                unavailable = e.getMessage();
            }
        }
        if (server == null) {
            String why = "no PostgreSQL for the results tests: " + unavailable
                    + " (install Debian's postgresql package, or set FLASHSTATION_TEST_PG_URL)";
            if ("1".equals(System.getenv("FLASHSTATION_CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        return server;
    }

    private static Server external(String url) {
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("FLASHSTATION_TEST_PG_URL is not jdbc:postgresql://host[:port]/db: " + url);
        }
        return new Server(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)), m.group(3),
                m.group(4) == null ? "" : m.group(4),
                Optional.ofNullable(System.getenv("FLASHSTATION_TEST_PG_USER")).orElse("postgres"),
                Optional.ofNullable(System.getenv("FLASHSTATION_TEST_PG_PASSWORD")).orElse(""));
    }

    /** initdb into a temporary directory and start it on loopback, as the postgres user when we are root. */
    private static Server startCluster() {
        Cluster cluster = Cluster.create();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::destroy));
        return cluster.server();
    }

    /**
     * A cluster of the test's own, whatever FLASHSTATION_TEST_PG_URL says, for a test that stops and starts the
     * server; the caller destroys it.
     */
    static Cluster privateCluster() {
        return Cluster.create();
    }

    /** A throwaway PostgreSQL cluster on loopback: its own data directory, port and socket directory. */
    static final class Cluster {
        private final Path bin;
        private final Path dir;
        private final boolean root;
        private final int port;

        private Cluster(Path bin, Path dir, boolean root, int port) {
            this.bin = bin;
            this.dir = dir;
            this.root = root;
            this.port = port;
        }

        static Cluster create() {
            Path bin = binaries();
            try {
                Path dir = Files.createTempDirectory("flashstation-pg");
                boolean root = "root".equals(System.getProperty("user.name"));
                if (root) {
                    UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                    Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
                }
                Cluster cluster = new Cluster(bin, dir, root, freePort());
                run(root, List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U",
                        "flashstation", "-A", "trust", "-E", "UTF8", "--no-sync"));
                cluster.start();
                return cluster;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start a test PostgreSQL cluster", e);
            }
        }

        Server server() {
            return new Server("127.0.0.1", port, "postgres", "", "flashstation", "");
        }

        /** The cluster's default database and schema. */
        ResultDatabase database() {
            return ResultDatabase.postgres(server().url("127.0.0.1", port, "public"), "flashstation", "");
        }

        void start() throws IOException {
            run(root, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                    dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                    // a commit reaches the OS before it returns (a stopped server keeps it); only the disk is spared
                    "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c full_page_writes=off", "start"));
        }

        /** Stops the server as an administrator would: connections are cut, committed work is kept. */
        void stop() throws IOException {
            stop("fast");
        }

        private void stop(String mode) throws IOException {
            run(root, List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", mode,
                    "-w", "stop"));
        }

        void destroy() {
            try {
                stop("immediate");
            } catch (IOException | RuntimeException e) {
                System.err.println("could not stop the test PostgreSQL in " + dir + ": " + e.getMessage());
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                System.err.println("could not remove " + dir + ": " + e.getMessage());
            }
        }
    }

    private static Path binaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow(() -> new IllegalStateException("no initdb under /usr/lib/postgresql/*/bin"));
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL is not installed (/usr/lib/postgresql is missing)", e);
        }
    }

    private static void run(boolean asPostgres, List<String> command) throws IOException {
        List<String> full = asPostgres
                ? Stream.concat(Stream.of("runuser", "-u", "postgres", "--"), command.stream()).toList() : command;
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not finish in 90 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + full.get(0), e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed (exit " + process.exitValue() + "): "
                    + output.strip());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
