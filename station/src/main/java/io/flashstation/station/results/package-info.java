/**
 * The station's results: one row per flashing attempt, kept first in the station's own database and copied to
 * the fleet's central PostgreSQL.
 *
 * <p>Wiring, for the daemon: open the local store with
 * {@code ResultStore.open(ResultDatabase.h2File(stateDir))} (or {@code ResultDatabase.postgres(url, user,
 * password)}); build each attempt with {@link io.flashstation.station.results.AttemptRecord#builder()} and call
 * {@link io.flashstation.station.results.ResultStore#record} before showing the verdict; on shutdown, record an
 * attempt that cannot finish with {@code Builder.aborted(...)}. With a central database configured, create one
 * {@link io.flashstation.station.results.CentralForwarder} on the local store, {@code start()} it, call
 * {@code wake()} after each record, read {@code status()} for the backlog gauge and health, and {@code close()} it
 * before the store. The {@code results} command prints a query with a
 * {@link io.flashstation.station.results.ResultFormat}.
 *
 * <p>Every recorded row is queued in the local outbox whether or not a central database is configured, so a
 * station that joins a fleet later forwards its history too.
 */
package io.flashstation.station.results;
