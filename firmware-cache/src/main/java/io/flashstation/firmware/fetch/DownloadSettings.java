package io.flashstation.firmware.fetch;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.util.Objects;

/**
 * How the downloader behaves.
 *
 * @param connectTimeout how long to wait for a connection
 * @param idleTimeout    how long a response may send nothing (headers or body) before the attempt is abandoned
 * @param maxBytes       the largest file accepted; F411 flash is 512 KiB and a UF2 or HEX of it is a few times that
 * @param maxAttempts    attempts per fetch; an interrupted attempt is resumed by the next where the server allows
 * @param allowPlainHttp whether {@code http://} URLs may be used at all (only for a trusted local mirror)
 * @param sslContext     the TLS trust to use; null for the JDK's default trust store
 */
public record DownloadSettings(Duration connectTimeout, Duration idleTimeout, long maxBytes, int maxAttempts,
                               boolean allowPlainHttp, SSLContext sslContext) {

    /** Validates what would otherwise fail deep inside the HTTP client. */
    public DownloadSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxBytes <= 0 || maxAttempts <= 0) {
            throw new IllegalArgumentException("maxBytes and maxAttempts must be positive");
        }
    }

    /** HTTPS only, 15 s to connect, 30 s of silence tolerated, 4 MiB at most, three attempts. */
    public static DownloadSettings defaults() {
        return new DownloadSettings(Duration.ofSeconds(15), Duration.ofSeconds(30), 4L * 1024 * 1024, 3, false,
                null);
    }

    public DownloadSettings withAllowPlainHttp(boolean allow) {
        return new DownloadSettings(connectTimeout, idleTimeout, maxBytes, maxAttempts, allow, sslContext);
    }

    public DownloadSettings withSslContext(SSLContext context) {
        return new DownloadSettings(connectTimeout, idleTimeout, maxBytes, maxAttempts, allowPlainHttp, context);
    }

    public DownloadSettings withIdleTimeout(Duration timeout) {
        return new DownloadSettings(connectTimeout, timeout, maxBytes, maxAttempts, allowPlainHttp, sslContext);
    }

    public DownloadSettings withMaxBytes(long limit) {
        return new DownloadSettings(connectTimeout, idleTimeout, limit, maxAttempts, allowPlainHttp, sslContext);
    }

    public DownloadSettings withMaxAttempts(int attempts) {
        return new DownloadSettings(connectTimeout, idleTimeout, maxBytes, attempts, allowPlainHttp, sslContext);
    }
}
