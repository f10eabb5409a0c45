package io.flashstation.station.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where results live: a JDBC data source and how to name it in messages (never with a password).
 *
 * @param dataSource  connections to the database
 * @param description a place an operator recognises, such as the file or the JDBC URL
 */
public record ResultDatabase(DataSource dataSource, String description) {

    /** Seconds the PostgreSQL driver waits for a connection before it gives up. */
    private static final int CONNECT_TIMEOUT_SECONDS = 5;
    /** Seconds a PostgreSQL read may block: a central database behind a dead link must not hold a thread forever. */
    private static final int SOCKET_TIMEOUT_SECONDS = 30;
    /**
     * H2 otherwise keeps commits in memory for up to 500 ms before writing them to the file: a station killed in
     * that window would lose rows it already showed as recorded. 0 writes each commit before it returns.
     */
    private static final int H2_WRITE_DELAY_MILLIS = 0;
    /** How long H2 waits for a row lock: concurrent slots serialise on the per-UID counter, never for long. */
    private static final int H2_LOCK_TIMEOUT_MILLIS = 10_000;

    public ResultDatabase {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(description, "description");
    }

    /**
     * The station's own embedded database, the file {@code results.mv.db} in {@code stateDir}. AUTO_SERVER lets a
     * second process (the {@code results} command while the daemon runs) reach it through the process holding it.
     */
    public static ResultDatabase h2File(Path stateDir) {
        Path dir = stateDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + dir, e);
        }
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(h2Url(dir));
        dataSource.setUser("sa");
        dataSource.setPassword("");
        return new ResultDatabase(dataSource, dir.resolve("results.mv.db").toString());
    }

    /** The JDBC URL of the embedded database in {@code stateDir}. */
    static String h2Url(Path stateDir) {
        return "jdbc:h2:file:" + stateDir.resolve("results") + ";AUTO_SERVER=TRUE;WRITE_DELAY="
                + H2_WRITE_DELAY_MILLIS + ";LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MILLIS;
    }

    /** A PostgreSQL database, for example the fleet's central one: {@code jdbc:postgresql://host:5432/results}. */
    public static ResultDatabase postgres(String jdbcUrl, String user, String password) {
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("a PostgreSQL JDBC URL starts with jdbc:postgresql:, got '" + jdbcUrl
                    + "'");
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setSocketTimeout(SOCKET_TIMEOUT_SECONDS);
        return new ResultDatabase(dataSource, jdbcUrl.replaceAll("password=[^&]*", "password=***"));
    }

    @Override
    public String toString() {
        return description;
    }
}
