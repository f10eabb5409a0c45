package io.flashstation.firmware.fetch;

import io.flashstation.firmware.FirmwareException;

/** A download that did not produce a complete file; {@link #reason()} tells callers what to do about it. */
public class FetchException extends FirmwareException {

    /** Why a download failed. */
    public enum Reason {
        /** The server has no such file (404/410): the pin names a build that does not exist. */
        NOT_FOUND,
        /** The server answered with another error status. */
        HTTP_STATUS,
        /** The file is larger than the configured limit. */
        TOO_LARGE,
        /** No connection could be made: the station is offline or the host is wrong. */
        UNREACHABLE,
        /** The server stopped sending. */
        TIMEOUT,
        /** The connection broke before the file was complete, on every attempt. */
        INTERRUPTED,
        /** The TLS handshake failed, typically because the server's certificate is not trusted. */
        TLS_FAILURE,
        /** A plain-HTTP URL while plain HTTP is not allowed. */
        INSECURE_URL
    }

    private final Reason reason;

    public FetchException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public FetchException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
