package io.flashstation.firmware.fetch;

import io.flashstation.firmware.fetch.FetchException.Reason;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one file over HTTPS into a partial file that survives interruption: the next attempt asks for the
 * rest with a Range request, and starts over if the server ignores it. Enforces the size limit and the idle
 * timeout. It does not judge the content: the store verifies the digest before the file becomes an entry.
 */
public final class ImageDownloader {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final DownloadSettings settings;
    private final HttpClient client;

    public ImageDownloader(DownloadSettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // NORMAL never follows an HTTPS page to a plain-HTTP one.
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (settings.sslContext() != null) {
            builder.sslContext(settings.sslContext());
        }
        this.client = builder.build();
    }

    /**
     * Completes {@code partialFile} with the body of {@code uri}, keeping what it already holds when the server
     * can resume, and returns the file's length. On failure the partial file is kept if a later fetch can resume.
     */
    public long download(URI uri, Path partialFile, DownloadProgress progress) throws FetchException, IOException {
        requireAllowedScheme(uri);
        Interruption last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            try {
                return attempt(uri, partialFile, progress);
            } catch (Interruption interruption) {
                last = interruption;
            }
        }
        long kept = Files.exists(partialFile) ? Files.size(partialFile) : 0;
        throw new FetchException(Reason.INTERRUPTED, "download of " + uri + " broke off on all "
                + settings.maxAttempts() + " attempts (last: " + last.getMessage() + "); " + kept
                + " bytes are kept, run fetch again to resume", last.getCause());
    }

    private long attempt(URI uri, Path partialFile, DownloadProgress progress)
            throws FetchException, IOException, Interruption {
        long have = Files.exists(partialFile) ? Files.size(partialFile) : 0;
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.idleTimeout()).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(uri, request.build());
        Flow.Publisher<List<ByteBuffer>> body = response.body();
        int status = response.statusCode();
        long offset;
        long total;
        if (status == 200) {
            offset = 0;
            total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        } else if (status == 206 && have > 0) {
            long[] range = parseContentRange(response.headers().firstValue("Content-Range").orElse(""));
            if (range == null || range[0] != have) {
                discard(body);
                Files.deleteIfExists(partialFile);
                throw new Interruption("the server resumed at the wrong place ("
                        + response.headers().firstValue("Content-Range").orElse("no Content-Range") + "), starting over",
                        null);
            }
            offset = have;
            total = range[2];
        } else if (status == 416 && have > 0) {
            discard(body);
            Files.deleteIfExists(partialFile);
            throw new Interruption("the server refused to resume at byte " + have + ", starting over", null);
        } else {
            discard(body);
            throw statusError(uri, status);
        }
        if (total > settings.maxBytes()) {
            discard(body);
            Files.deleteIfExists(partialFile);
            throw tooLarge(uri, total + " bytes");
        }
        return receive(uri, body, partialFile, offset, total, progress);
    }

    private long receive(URI uri, Flow.Publisher<List<ByteBuffer>> body, Path partialFile, long offset, long total,
                         DownloadProgress progress) throws FetchException, IOException, Interruption {
        try (FileChannel file = FileChannel.open(partialFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            file.truncate(offset);
            file.position(offset);
            FileBodySubscriber subscriber = new FileBodySubscriber(file, offset, settings.maxBytes(), total, progress);
            progress.update(offset, total);
            body.subscribe(subscriber);
            long length = await(uri, subscriber, partialFile, total);
            if (total >= 0 && length != total) {
                throw new Interruption("the connection closed after " + length + " of " + total + " bytes", null);
            }
            return length;
        }
    }

    private long await(URI uri, FileBodySubscriber subscriber, Path partialFile, long total)
            throws FetchException, IOException, Interruption {
        long seen = subscriber.received();
        while (true) {
            try {
                return subscriber.done().get(settings.idleTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                long now = subscriber.received();
                if (now == seen) {
                    subscriber.cancel();
                    throw new FetchException(Reason.TIMEOUT, uri.getHost() + " sent nothing for "
                            + describe(settings.idleTimeout()) + " after " + now + " of "
                            + (total < 0 ? "?" : total) + " bytes; the partial download is kept, run fetch again to resume");
                }
                seen = now;
            } catch (InterruptedException e) {
                subscriber.cancel();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("download of " + uri + " cancelled");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof FileBodySubscriber.TooLargeException) {
                    Files.deleteIfExists(partialFile);
                    throw tooLarge(uri, "more than " + settings.maxBytes() + " bytes");
                }
                throw new Interruption("the connection broke after " + subscriber.received() + " bytes ("
                        + e.getCause() + ")", e.getCause());
            }
        }
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(URI uri, HttpRequest request)
            throws FetchException, IOException, Interruption {
        try {
            return client.send(request, BodyHandlers.ofPublisher());
        } catch (HttpConnectTimeoutException | ConnectException | UnknownHostException e) {
            throw new FetchException(Reason.UNREACHABLE, "cannot reach " + uri.getHost() + " (" + reason(e) + "); if this "
                    + "station is offline, copy the image here and run `flash-station firmware import FILE`", e);
        } catch (SSLException e) {
            throw new FetchException(Reason.TLS_FAILURE, "TLS with " + uri.getHost() + " failed (" + e.getMessage()
                    + "): the server's certificate is not trusted by this station, or something intercepts the "
                    + "connection", e);
        } catch (HttpTimeoutException e) {
            throw new FetchException(Reason.TIMEOUT, uri.getHost() + " sent no response within "
                    + describe(settings.idleTimeout()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + uri + " cancelled");
        } catch (IOException e) {
            throw new Interruption("the connection broke before a response (" + e + ")", e);
        }
    }

    private void requireAllowedScheme(URI uri) throws FetchException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || (scheme.equals("http") && settings.allowPlainHttp())) {
            return;
        }
        if (scheme.equals("http")) {
            throw new FetchException(Reason.INSECURE_URL, "refusing plain HTTP for " + uri
                    + ": use https, or allow plain HTTP explicitly for a trusted local mirror");
        }
        throw new FetchException(Reason.INSECURE_URL, "cannot download " + uri + ": only https URLs are fetched");
    }

    private FetchException statusError(URI uri, int status) {
        if (status == 404 || status == 410) {
            return new FetchException(Reason.NOT_FOUND, "no image at " + uri + " (HTTP " + status
                    + "): check the pin's board id, version, locale and format");
        }
        return new FetchException(Reason.HTTP_STATUS, "the server answered HTTP " + status + " for " + uri);
    }

    private FetchException tooLarge(URI uri, String size) {
        return new FetchException(Reason.TOO_LARGE, "the file at " + uri + " is " + size
                + ", over the limit of " + settings.maxBytes() + " bytes for a firmware image");
    }

    /** The JDK often leaves connection failures without a message; the class name is then the reason. */
    private static String reason(Exception e) {
        Throwable cause = e.getMessage() == null && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private static String describe(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** {@code [first, last, total]} from a Content-Range value, total -1 when unknown; null if malformed. */
    static long[] parseContentRange(String value) {
        Matcher matcher = CONTENT_RANGE.matcher(value.trim());
        if (!matcher.matches()) {
            return null;
        }
        long total = matcher.group(3).equals("*") ? -1 : Long.parseLong(matcher.group(3));
        return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), total};
    }

    /** A response body nobody wants must still be consumed or cancelled, or its connection leaks. */
    private static void discard(Flow.Publisher<List<ByteBuffer>> body) {
        body.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
            }
        });
    }

    /** An attempt that broke off in a way the next attempt may repair (by resuming or starting over). */
    private static final class Interruption extends Exception {
        Interruption(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
