package io.flashstation.station.results;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The schema's migration scripts, named here rather than found by scanning: Flyway's classpath scan cannot list a
 * directory inside Quarkus's packaged application (quarkusio/quarkus#9513), while loading one named resource works
 * under every class loader. MigrationScriptsTest keeps this list equal to the directory's contents.
 */
final class MigrationScripts implements ResourceProvider {

    /** Where the scripts live on the class path. */
    static final String DIRECTORY = "db/migration";
    /** Every script in {@link #DIRECTORY}, oldest first. */
    static final List<String> NAMES = List.of("V1__results.sql");

    @Override
    public LoadableResource getResource(String name) {
        return NAMES.contains(name) ? new Script(name) : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        return NAMES.stream().filter(name -> name.startsWith(prefix))
                .filter(name -> Arrays.stream(suffixes).anyMatch(name::endsWith))
                .<LoadableResource>map(Script::new).toList();
    }

    /** One script, read from the class path when Flyway asks. */
    private static final class Script extends LoadableResource {
        private final String name;

        Script(String name) {
            this.name = name;
        }

        @Override
        public Reader read() {
            InputStream in = MigrationScripts.class.getClassLoader().getResourceAsStream(getAbsolutePath());
            if (in == null) {
                throw new IllegalStateException("migration script " + getAbsolutePath() + " is missing from the"
                        + " class path");
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }

        @Override
        public String getAbsolutePath() {
            return DIRECTORY + "/" + name;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return getAbsolutePath();
        }

        @Override
        public String getFilename() {
            return name;
        }

        @Override
        public String getRelativePath() {
            return name;
        }
    }
}
