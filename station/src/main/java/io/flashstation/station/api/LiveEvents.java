package io.flashstation.station.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flashstation.station.daemon.RunningStation;
import io.flashstation.station.daemon.StationService;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.results.ResultField;
import io.flashstation.station.slot.SlotSnapshot;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The page's live feed: {@code slots} events carry the snapshots of slots that changed, coalesced to at most one
 * event per {@value #TICK_MS} ms however fast progress moves, and {@code result} events carry each attempt once it
 * is committed. One ticker serves every subscriber, so more open pages cost no more station work.
 */
@ApplicationScoped
public class LiveEvents {

    static final long TICK_MS = 250;

    private final StationService service;
    private final ObjectMapper json;
    private final Map<String, SlotSnapshot> lastSent = new HashMap<>();
    private Sse sse;
    private SseBroadcaster broadcaster;
    private ScheduledExecutorService ticker;
    private RunningStation heard;

    public LiveEvents(StationService service, ObjectMapper json) {
        this.service = service;
        this.json = json;
    }

    /** Adds a subscriber and sends it every slot as it is now, so it needs no other request to start. */
    public synchronized void subscribe(SseEventSink sink, Sse context) {
        if (broadcaster == null) {
            sse = context;
            broadcaster = context.newBroadcaster();
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "live-events");
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleWithFixedDelay(this::publishChangedSlots, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        }
        List<SlotSnapshot> slots = service.running().map(r -> r.station().slots()).orElse(List.of());
        broadcaster.register(sink);
        sink.send(event("slots", new SlotChanges(slots, List.of())));
    }

    private synchronized void publishChangedSlots() {
        try {
            service.running().ifPresent(this::publishChangedSlots);
        } catch (RuntimeException e) {
            // a failed tick must not end the ticker: the next one sends what this one missed
            System.getLogger(LiveEvents.class.getName()).log(System.Logger.Level.WARNING, "live slot update failed", e);
        }
    }

    private void publishChangedSlots(RunningStation station) {
        hearResultsOf(station);
        List<SlotSnapshot> now = station.station().slots();
        List<SlotSnapshot> changed = now.stream().filter(s -> !s.equals(lastSent.get(s.name()))).toList();
        Set<String> present = now.stream().map(SlotSnapshot::name).collect(Collectors.toSet());
        List<String> removed = lastSent.keySet().stream().filter(name -> !present.contains(name)).sorted().toList();
        if (changed.isEmpty() && removed.isEmpty()) {
            return;
        }
        removed.forEach(lastSent::remove);
        changed.forEach(s -> lastSent.put(s.name(), s));
        broadcaster.broadcast(event("slots", new SlotChanges(changed, removed)));
    }

    // the recorder is the station's: listen once per started station
    private void hearResultsOf(RunningStation station) {
        if (heard != station) {
            heard = station;
            station.recorder().onRecorded(this::publishResult);
        }
    }

    private void publishResult(AttemptRecord attempt) {
        Map<String, Object> row = new LinkedHashMap<>();
        ResultField.ALL.forEach(field -> row.put(field.name(), field.value().apply(attempt)));
        OutboundSseEvent event = event("result", row);
        synchronized (this) {
            broadcaster.broadcast(event);
        }
    }

    private OutboundSseEvent event(String name, Object data) {
        try {
            return sse.newEventBuilder().name(name)
                    .data(json.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void onShutdown(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
            broadcaster.close();
        }
    }

    /**
     * One {@code slots} event.
     *
     * @param slots   the snapshots of slots that changed (every slot in the first event a subscriber gets)
     * @param removed names of slots whose probe left
     */
    public record SlotChanges(List<SlotSnapshot> slots, List<String> removed) {
    }
}
