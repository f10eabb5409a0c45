package io.flashstation.station.api;

import io.flashstation.station.config.StationConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards the control actions: they need {@code Authorization: Bearer <station.api.token>}. Without a configured
 * token no one may control the station over HTTP; a missing or wrong token changes nothing.
 */
@ApplicationScoped
public class ControlToken {

    private static final String BEARER = "Bearer ";

    private final Optional<String> token;

    @Inject
    public ControlToken(StationConfig config) {
        this(config.apiToken());
    }

    ControlToken(Optional<String> configured) {
        this.token = configured.map(String::trim).filter(t -> !t.isEmpty());
    }

    /** Returns when {@code authorization} carries the configured token, else throws the 403 or 401 to answer. */
    public void check(String authorization) {
        if (token.isEmpty()) {
            throw new ApiException(Response.Status.FORBIDDEN, "control actions are switched off: configure "
                    + "station.api.token (a long random secret) and send it as 'Authorization: Bearer <token>'");
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new ApiException(Response.Status.UNAUTHORIZED, "this action needs the station's token: send "
                    + "'Authorization: Bearer <station.api.token>'");
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        // compared in constant time so response timing does not leak how much of a guess was right
        if (!MessageDigest.isEqual(given, token.get().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(Response.Status.UNAUTHORIZED, "the token is wrong: send the value of "
                    + "station.api.token as 'Authorization: Bearer <token>'");
        }
    }
}
