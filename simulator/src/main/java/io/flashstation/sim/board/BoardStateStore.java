package io.flashstation.sim.board;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.target.UniqueId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Saves and loads a {@link BoardState} as a directory another process can read: {@code flash.bin} (all of main
 * flash), {@code option-bytes.bin} (the 16 committed option bytes) and {@code stats.json} (UID, chip, counters).
 * Each file is written to a temporary file, forced to disk and renamed over the old one, so a crash leaves either
 * the old or the new file, never a torn one. stats.json is written last: a directory without it holds no board.
 */
public final class BoardStateStore {

    static final String FLASH_FILE = "flash.bin";
    static final String OPTION_BYTES_FILE = "option-bytes.bin";
    static final String STATS_FILE = "stats.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The stats.json document. {@code virtual_seconds} is for people and tools; {@code virtual_nanos} carries the
     * exact count back in (a file without it falls back to the seconds).
     */
    record Stats(String uid, String chip, double virtualSeconds, Long virtualNanos, long swdTransfers,
                 long sectorsErased, long massErases, long bytesProgrammed) {
    }

    private BoardStateStore() {
    }

    public static void save(Path dir, BoardState state) {
        BoardCounters counters = state.counters();
        Stats stats = new Stats(UniqueId.toHex(state.uid()), state.chip().id(), counters.virtualNanos() / 1e9,
                counters.virtualNanos(), counters.swdTransfers(), counters.sectorsErased(), counters.massErases(),
                counters.bytesProgrammed());
        try {
            Files.createDirectories(dir);
            writeAtomically(dir, FLASH_FILE, state.flash());
            writeAtomically(dir, OPTION_BYTES_FILE, state.optionBytes());
            writeAtomically(dir, STATS_FILE, JSON.writeValueAsBytes(stats));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save board state to " + dir, e);
        }
    }

    /** The board saved in {@code dir}, or empty when there is none; a damaged state is an error, not an absence. */
    public static Optional<BoardState> load(Path dir) {
        Path statsFile = dir.resolve(STATS_FILE);
        if (!Files.isRegularFile(statsFile)) {
            return Optional.empty();
        }
        try {
            Stats stats = JSON.readValue(statsFile.toFile(), Stats.class);
            long nanos = stats.virtualNanos() != null ? stats.virtualNanos() : Math.round(stats.virtualSeconds() * 1e9);
            BoardCounters counters = new BoardCounters(nanos, stats.swdTransfers(), stats.sectorsErased(),
                    stats.massErases(), stats.bytesProgrammed());
            return Optional.of(new BoardState(ChipVariant.fromId(stats.chip()), UniqueId.fromHex(stats.uid()),
                    Files.readAllBytes(dir.resolve(FLASH_FILE)), Files.readAllBytes(dir.resolve(OPTION_BYTES_FILE)),
                    counters));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load board state from " + dir, e);
        }
    }

    private static void writeAtomically(Path dir, String name, byte[] content) throws IOException {
        Path temp = Files.createTempFile(dir, "." + name + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    // The rename itself must reach the disk too. Some platforms cannot open a directory for syncing; there the
    // rename is as durable as the file system makes it.
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException unsupported) {
            // nothing more can be done on such a platform
        }
    }
}
