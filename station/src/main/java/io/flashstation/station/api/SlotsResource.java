package io.flashstation.station.api;

import io.flashstation.station.slot.Slot;
import io.flashstation.station.slot.SlotSnapshot;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.function.Consumer;

/** {@code /api/slots}: every slot and what it shows now, and the operator's pause, resume and re-flash. */
@Path("/api/slots")
@Produces(MediaType.APPLICATION_JSON)
public class SlotsResource {

    private final RunningStations stations;
    private final ControlToken token;

    public SlotsResource(RunningStations stations, ControlToken token) {
        this.stations = stations;
        this.token = token;
    }

    @GET
    public List<SlotSnapshot> slots() {
        return stations.require().station().slots();
    }

    @GET
    @Path("{name}")
    public SlotSnapshot slot(@PathParam("name") String name) {
        return stations.slot(name).snapshot();
    }

    /** The slot leaves the next board alone; a board in flight is finished first. */
    @POST
    @Path("{name}/pause")
    public SlotSnapshot pause(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return control(name, authorization, Slot::pause);
    }

    @POST
    @Path("{name}/resume")
    public SlotSnapshot resume(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return control(name, authorization, Slot::resume);
    }

    /** The board on the fixture is flashed again without being taken off. */
    @POST
    @Path("{name}/reflash")
    public SlotSnapshot reflash(@PathParam("name") String name,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return control(name, authorization, Slot::requestReflash);
    }

    // the token is checked before the slot is even looked up: an unauthorised caller learns nothing
    private SlotSnapshot control(String name, String authorization, Consumer<Slot> action) {
        token.check(authorization);
        Slot slot = stations.slot(name);
        action.accept(slot);
        return slot.snapshot();
    }
}
