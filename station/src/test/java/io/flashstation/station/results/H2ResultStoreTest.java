package io.flashstation.station.results;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The results store contract on the station's embedded H2 file database. */
class H2ResultStoreTest extends ResultStoreContract {

    @TempDir
    Path stateDir;

    @Override
    protected ResultDatabase freshDatabase() {
        return ResultDatabase.h2File(stateDir);
    }
}
