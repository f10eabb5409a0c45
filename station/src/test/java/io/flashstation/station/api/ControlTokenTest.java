package io.flashstation.station.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Control actions and the bearer token (docs/api.md "Control actions", RFC 6750 §2.1 for the header's form). */
class ControlTokenTest {

    private final ControlToken guard = new ControlToken(Optional.of("tea-and-biscuits"));

    @Test
    void theConfiguredTokenAsABearerCredentialIsAccepted() {
        assertThatCode(() -> guard.check("Bearer tea-and-biscuits")).doesNotThrowAnyException();
        // RFC 6750 §2.1 follows RFC 7235: the scheme name is case-insensitive
        assertThatCode(() -> guard.check("bearer tea-and-biscuits")).doesNotThrowAnyException();
    }

    @Test
    void aMissingOrOtherSchemeIsUnauthorizedAndSaysHowToSendTheToken() {
        assertRefused(guard, null, Response.Status.UNAUTHORIZED, "needs the station's token");
        assertRefused(guard, "Basic dGVhOmJpc2N1aXRz", Response.Status.UNAUTHORIZED, "Authorization: Bearer");
        assertRefused(guard, "tea-and-biscuits", Response.Status.UNAUTHORIZED, "needs the station's token");
    }

    @Test
    void aWrongTokenIsUnauthorizedEvenWhenItIsAPrefixOfTheRightOne() {
        assertRefused(guard, "Bearer tea", Response.Status.UNAUTHORIZED, "the token is wrong");
        assertRefused(guard, "Bearer tea-and-biscuits-and-cake", Response.Status.UNAUTHORIZED, "the token is wrong");
        assertRefused(guard, "Bearer ", Response.Status.UNAUTHORIZED, "the token is wrong");
    }

    @Test
    void withoutAConfiguredTokenEveryActionIsForbiddenAndTheKeyIsNamed() {
        assertRefused(new ControlToken(Optional.empty()), "Bearer anything", Response.Status.FORBIDDEN,
                "configure station.api.token");
        // a blank value in the configuration is no token: it must not let an empty credential through
        assertRefused(new ControlToken(Optional.of("  ")), "Bearer ", Response.Status.FORBIDDEN,
                "configure station.api.token");
    }

    private static void assertRefused(ControlToken guard, String header, Response.Status status, String says) {
        assertThatThrownBy(() -> guard.check(header)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).contains(says);
        });
    }
}
