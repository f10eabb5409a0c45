package io.flashstation.station.api;

import jakarta.ws.rs.core.Response;

/** A request the API refuses, with the HTTP status and the sentence the caller gets as {@link ApiError}. */
public class ApiException extends RuntimeException {

    private final Response.Status status;

    public ApiException(Response.Status status, String message) {
        super(message);
        this.status = status;
    }

    public Response.Status status() {
        return status;
    }

    /** 400: the request itself is malformed. */
    public static ApiException badRequest(String message) {
        return new ApiException(Response.Status.BAD_REQUEST, message);
    }

    /** 404: the thing named in the path does not exist. */
    public static ApiException notFound(String message) {
        return new ApiException(Response.Status.NOT_FOUND, message);
    }
}
