package io.flashstation.station.health;

import io.flashstation.station.daemon.RunningStation;
import io.flashstation.station.daemon.StationService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the station is running, its results database answers and the image it flashes was loaded and
 * verified against its pin (or is the simulator's demo image). The central database's state and backlog are reported
 * but never make the station unready: flashing goes on while it is away.
 */
@Readiness
@ApplicationScoped
public class StationReadiness implements HealthCheck {

    private final StationService service;

    public StationReadiness(StationService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("station");
        Optional<RunningStation> running = service.running();
        if (running.isEmpty()) {
            return response.down().withData("reason", "the station is not running").build();
        }
        RunningStation station = running.get();
        response.withData("station", station.settings().stationId())
                .withData("firmware", station.image().version())
                .withData("firmware_sha256", station.image().sha256())
                .withData("probes", station.station().probesPresent())
                .withData("openocd_fallback", station.openocd().map(o -> "OpenOCD " + o.installation().version())
                        .orElse("not available"));
        // a central database that is away degrades the station but does not stop it: rows wait in the outbox
        station.forwarder().map(f -> f.status()).ifPresent(central -> response
                .withData("central", central.healthy() ? "forwarding" : "degraded: " + central.lastError().orElse(""))
                .withData("central_backlog", central.backlog()));
        try {
            station.store().latest(1);
            response.withData("database", station.store().database().description());
        } catch (RuntimeException e) {
            return response.down().withData("database", "unreachable: " + e.getMessage()).build();
        }
        return response.up().build();
    }
}
