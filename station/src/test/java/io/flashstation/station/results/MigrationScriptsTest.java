package io.flashstation.station.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The named migration list (MigrationScripts) must match what the build puts in db/migration. */
class MigrationScriptsTest {

    @Test
    void theNamedScriptsAreExactlyTheFilesInTheMigrationDirectory() throws Exception {
        URL directory = MigrationScriptsTest.class.getClassLoader().getResource(MigrationScripts.DIRECTORY);
        assertThat(directory).as("db/migration on the test class path").isNotNull();
        try (Stream<Path> files = Files.list(toPath(directory))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(MigrationScripts.NAMES).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void flywayIsOfferedTheVersionedScriptsAndNothingElse() throws Exception {
        MigrationScripts scripts = new MigrationScripts();

        assertThat(scripts.getResources("V", new String[] {".sql"})).extracting(r -> r.getFilename())
                .containsExactlyElementsOf(MigrationScripts.NAMES);
        assertThat(scripts.getResources("R", new String[] {".sql"})).isEmpty();
        assertThat(scripts.getResource("V1__results.sql").read().read()).isPositive();
        assertThat(scripts.getResource("beforeMigrate.sql")).isNull();
    }

    private static Path toPath(URL url) throws URISyntaxException {
        return Path.of(url.toURI());
    }
}
