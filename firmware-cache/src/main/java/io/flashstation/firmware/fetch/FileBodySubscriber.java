package io.flashstation.firmware.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Writes a response body to a file as it arrives, reporting progress and stopping at the size limit, so that a
 * bad server can neither fill the disk nor hold the whole file in memory. {@link #done()} completes when the body
 * ends, normally or not.
 */
final class FileBodySubscriber implements Flow.Subscriber<List<ByteBuffer>> {

    /** The body grew past the size limit. */
    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("body larger than " + limit + " bytes");
        }
    }

    private final FileChannel file;
    private final long maxBytes;
    private final long total;
    private final DownloadProgress progress;
    private final CompletableFuture<Long> done = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;
    private boolean cancelled;

    /**
     * @param file     positioned where the body's first byte goes
     * @param received bytes already in the file before this body
     * @param total    the size the server announced for the whole file, or -1
     */
    FileBodySubscriber(FileChannel file, long received, long maxBytes, long total, DownloadProgress progress) {
        this.file = file;
        this.received = received;
        this.maxBytes = maxBytes;
        this.total = total;
        this.progress = progress;
    }

    /** Completes with the file's length when the body has ended. */
    CompletableFuture<Long> done() {
        return done;
    }

    synchronized long received() {
        return received;
    }

    /** Stops the transfer; later deliveries are dropped so the caller may close the file right away. */
    synchronized void cancel() {
        cancelled = true;
        if (subscription != null) {
            subscription.cancel();
        }
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        if (cancelled) {
            return;
        }
        try {
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
                if (received > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
            }
        } catch (IOException e) {
            cancelled = true;
            subscription.cancel();
            done.completeExceptionally(e);
            return;
        }
        progress.update(received, total);
        subscription.request(1);
    }

    @Override
    public synchronized void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    @Override
    public synchronized void onComplete() {
        done.complete(received);
    }
}
