package io.flashstation.station.api;

import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.results.ResultFormat;
import io.flashstation.station.results.ResultQuery;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The results store over HTTP: attempts by UID and time, a board's history, and CSV or JSON downloads of a time
 * range. Rows are written by the same formats as {@code flash-station results}, so every export looks alike.
 */
@Path("/api")
public class ResultsResource {

    /** The most rows one JSON answer carries; downloads of a time range have no row limit. */
    static final int MAX_LIMIT = 10_000;
    private static final int DEFAULT_LIMIT = 100;
    /** A download without {@code since} covers this much before its end. */
    private static final Duration DEFAULT_DOWNLOAD_SPAN = Duration.ofHours(24);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private final RunningStations stations;
    private final Clock clock = Clock.systemUTC();

    public ResultsResource(RunningStations stations) {
        this.stations = stations;
    }

    /** The newest {@code limit} attempts matching the filters, oldest first. */
    @GET
    @Path("results")
    public Response results(@QueryParam("uid") String uid, @QueryParam("since") String since,
            @QueryParam("until") String until, @QueryParam("limit") String limit) {
        ResultQuery query = ResultQuery.all()
                .latest(QueryParams.number("limit", limit, 1, MAX_LIMIT).orElse(DEFAULT_LIMIT));
        query = QueryParams.optionalUid("uid", uid).map(query::uid).orElse(query);
        query = QueryParams.instant("since", since).map(query::since).orElse(query);
        query = QueryParams.instant("until", until).map(query::until).orElse(query);
        if (query.from().isPresent() && query.until().isPresent()) {
            QueryParams.requireOrdered(query.from().get(), query.until().get());
        }
        return formatted(stations.require().store().find(query), "json", JSON);
    }

    /** Every attempt on one chip, first attempt first. */
    @GET
    @Path("boards/{uid}")
    public Response board(@PathParam("uid") String uid) {
        String chip = QueryParams.uid("the UID in the path", uid);
        List<AttemptRecord> history = stations.require().store().byUid(chip);
        if (history.isEmpty()) {
            throw ApiException.notFound("no attempt on chip " + chip + " is recorded on this station");
        }
        return formatted(history, "json", JSON);
    }

    @GET
    @Path("results.csv")
    public Response csv(@QueryParam("since") String since, @QueryParam("until") String until) {
        return download(since, until, "csv", new MediaType("text", "csv", "UTF-8"));
    }

    @GET
    @Path("results.json")
    public Response json(@QueryParam("since") String since, @QueryParam("until") String until) {
        return download(since, until, "json", JSON);
    }

    private Response download(String since, String until, String format, MediaType type) {
        Instant end = QueryParams.instant("until", until).orElseGet(clock::instant);
        Instant start = QueryParams.instant("since", since).orElse(end.minus(DEFAULT_DOWNLOAD_SPAN));
        QueryParams.requireOrdered(start, end);
        String file = "flash-station-results-" + FILE_TIME.format(start) + "-" + FILE_TIME.format(end) + "."
                + format;
        return Response.fromResponse(formatted(stations.require().store().between(start, end), format, type))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"").build();
    }

    private static Response formatted(List<AttemptRecord> attempts, String format, MediaType type) {
        StringBuilder body = new StringBuilder();
        try {
            ResultFormat.named(format).write(attempts, body);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringBuilder does not fail", e);
        }
        return Response.ok(body.toString(), type).build();
    }
}
