package io.flashstation.station.api;

import io.flashstation.station.daemon.RunningStation;
import io.flashstation.station.daemon.StationService;
import io.flashstation.station.slot.Slot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

/** The resources' way to the running station: a 503 while it is starting or stopping, a 404 for an unknown slot. */
@ApplicationScoped
public class RunningStations {

    private final StationService service;

    public RunningStations(StationService service) {
        this.service = service;
    }

    /** The station, or a 503 the caller can retry. */
    public RunningStation require() {
        return service.running().orElseThrow(() -> new ApiException(Response.Status.SERVICE_UNAVAILABLE,
                "the station is not running (starting or stopping); try again in a moment"));
    }

    /** The slot named {@code name}. */
    public Slot slot(String name) {
        return require().station().slot(name).orElseThrow(() -> ApiException.notFound("no slot is named '" + name
                + "'; GET /api/slots lists them"));
    }
}
