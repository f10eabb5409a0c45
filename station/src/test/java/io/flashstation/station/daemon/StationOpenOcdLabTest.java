package io.flashstation.station.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.firmware.digest.Sha256;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.station.image.StationImage;
import io.flashstation.station.results.AttemptOutcome;
import io.flashstation.station.results.AttemptRecord;
import io.flashstation.station.results.FlashBackend;
import io.flashstation.station.slot.Backend;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slots whose backend is OpenOCD (issue 8): real OpenOCD flashes the boards of virtual ST-Links through the lab's
 * stlink-server endpoint, four at once, and the rows look like the native ones, keyed by the same UIDs.
 */
class StationOpenOcdLabTest {

    @TempDir
    Path stateDir;

    /** OpenOCD runs its loader on the virtual core; a small image keeps the wall time of each run short. */
    private static StationImage smallImage() {
        byte[] bytes = new byte[6 * 1024 + 3];
        new Random(5).nextBytes(bytes);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x2002_0000).putInt(4, 0x0800_0101);
        return new StationImage(FlashImage.of(0x0800_0000, bytes), "small-test", Sha256.of(bytes).hex(),
                "a small test image", false);
    }

    @Test
    void autoHandsAProbeOurDriverRefusesToOpenOcdAndTheRowsSaySo() throws Exception {
        // a clone ST-Link/V2 on V2J29: below the native driver's minimum, within OpenOCD's reach
        try (StationRig rig = StationRig.start(stateDir, 1, "stlink-v2-clone", Duration.ofMillis(500), "none",
                Backend.AUTO, smallImage())) {
            List<AttemptRecord> rows = rig.awaitRows(r -> r.size() >= 2, Duration.ofMinutes(3));
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.outcome()).as(row.message()).isEqualTo(AttemptOutcome.PASS);
                assertThat(row.backend()).isEqualTo(FlashBackend.OPENOCD);
                assertThat(row.chipUid()).isPresent();
            });
            assertThat(rows.stream().map(r -> r.chipUid().orElseThrow()).distinct()).hasSize(rows.size());
        }
    }

    @Test
    void openOcdSlotsRecordVerifiedBoardsUnderTheirUids() throws Exception {
        StationImage image = smallImage();
        try (StationRig rig = StationRig.start(stateDir, 4, "stlink-v2", Duration.ofMillis(500), "none",
                Backend.OPENOCD, image)) {
            List<AttemptRecord> rows = rig.awaitRows(r -> r.stream().map(AttemptRecord::slot).distinct().count() == 4
                    && r.size() >= 6, Duration.ofMinutes(3));
            Set<String> boardsPutOn = IntStream.rangeClosed(1, 4).boxed()
                    .flatMap(f -> IntStream.range(0, 50).mapToObj(n -> StationRig.uidOf(f, n)))
                    .collect(Collectors.toSet());
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.outcome()).as(row.message()).isEqualTo(AttemptOutcome.PASS);
                assertThat(row.backend()).isEqualTo(FlashBackend.OPENOCD);
                assertThat(row.chipUid()).hasValueSatisfying(uid -> assertThat(boardsPutOn).contains(uid));
                assertThat(row.part()).contains("STM32F411xE");
                assertThat(row.message()).contains("through OpenOCD");
            });
        }
    }
}
