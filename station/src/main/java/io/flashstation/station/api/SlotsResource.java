package io.flashstation.station.api;

import io.flashstation.station.daemon.StationService;
import io.flashstation.station.slot.SlotSnapshot;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code /api/slots}: every slot and what it shows now. */
@Path("/api/slots")
@Produces(MediaType.APPLICATION_JSON)
public class SlotsResource {

    private final StationService service;

    public SlotsResource(StationService service) {
        this.service = service;
    }

    @GET
    public List<SlotSnapshot> slots() {
        return service.running().map(r -> r.station().slots()).orElse(List.of());
    }
}
