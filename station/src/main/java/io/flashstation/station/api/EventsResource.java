package io.flashstation.station.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

/** {@code /api/events}: server-sent events for the operator page (see {@link LiveEvents}). */
@Path("/api/events")
public class EventsResource {

    private final LiveEvents events;

    public EventsResource(LiveEvents events) {
        this.events = events;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void subscribe(@Context SseEventSink sink, @Context Sse sse) {
        events.subscribe(sink, sse);
    }
}
