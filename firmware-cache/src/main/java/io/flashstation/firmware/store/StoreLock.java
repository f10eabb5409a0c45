package io.flashstation.firmware.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on one store key, held across threads and processes: a file lock keeps other processes out,
 * and an in-process lock keeps other threads out (the JVM refuses two file locks on one file in one process).
 * The holder may take it again (for example a fetch that finds a corrupt entry while holding it).
 */
public final class StoreLock implements AutoCloseable {

    private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private StoreLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Blocks until the lock file {@code lockFile} is ours. */
    static StoreLock acquire(Path lockFile) throws IOException {
        return take(lockFile, true).orElseThrow();
    }

    /** Takes the lock if nobody else (thread or process) holds it. */
    static Optional<StoreLock> tryAcquire(Path lockFile) throws IOException {
        return take(lockFile, false);
    }

    private static Optional<StoreLock> take(Path lockFile, boolean wait) throws IOException {
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                path -> new ReentrantLock());
        if (wait) {
            threadLock.lock();
        } else if (!threadLock.tryLock()) {
            return Optional.empty();
        }
        if (threadLock.getHoldCount() > 1) {
            // The outer hold of this thread owns the file lock.
            return Optional.of(new StoreLock(threadLock, null, null));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock fileLock = wait ? channel.lock() : channel.tryLock();
            if (fileLock == null) {
                channel.close();
                threadLock.unlock();
                return Optional.empty();
            }
            return Optional.of(new StoreLock(threadLock, channel, fileLock));
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            threadLock.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (channel != null) {
                fileLock.release();
                channel.close();
            }
        } finally {
            threadLock.unlock();
        }
    }
}
