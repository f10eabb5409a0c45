package io.flashstation.station.deploy;

/**
 * One station Prometheus scrapes: where its metrics are served and the station id the `up` series gets.
 *
 * @param hostPort    "127.0.0.1:8080"
 * @param metricsPath "/q/metrics" for the daemon
 * @param station     the station's id, as its own series carry it in their `station` label
 */
record ScrapeTarget(String hostPort, String metricsPath, String station) {
}
