package io.flashstation.station.results;

/** The results store contract on a real PostgreSQL (issue 7: never a mock or an embedded imitation). */
class PostgresResultStoreTest extends ResultStoreContract {

    @Override
    protected ResultDatabase freshDatabase() {
        return TestPostgres.freshDatabase();
    }
}
