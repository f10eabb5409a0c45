package io.flashstation.station.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every refusal into a JSON {@link ApiError}: the API's own, and the framework's (unknown path, wrong method,
 * unparsable body), so a caller never has to read an HTML error page or a bare 500.
 */
public class ApiExceptionMapper {

    private static final System.Logger LOG = System.getLogger(ApiExceptionMapper.class.getName());

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status());
        if (e.status() == Response.Status.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"flash-station\"");
        }
        return response.type(MediaType.APPLICATION_JSON).entity(new ApiError(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "no such resource; the API is documented in docs/api.md";
            case 405 -> "this method is not allowed here; the API is documented in docs/api.md";
            case 406 -> "this resource cannot answer in the requested media type";
            case 415 -> "send the body as application/json";
            default -> status >= 500 ? "the station could not answer: " + e.getMessage()
                    : "the request was refused: " + e.getMessage();
        };
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }

    // a bug, not bad input: say so plainly and keep the detail in the log
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "the API failed unexpectedly", e);
        return Response.serverError().type(MediaType.APPLICATION_JSON)
                .entity(new ApiError("the station failed to answer (" + e + "); its log has the details")).build();
    }
}
