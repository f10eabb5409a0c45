package io.flashstation.station.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.firmware.digest.Sha256;
import io.flashstation.probe.flash.FlashImage;
import io.flashstation.station.image.StationImage;
import io.flashstation.station.sim.SimFaults;
import io.flashstation.station.soak.SoakReport;
import io.flashstation.station.soak.SoakRun;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short soak of issue 7 that CI runs (`flash-station sim soak` is the long one): 48 virtual probes, faulty
 * boards, rows forwarded to a real PostgreSQL; checked against what the simulated operators placed.
 */
class SoakTest {

    @TempDir
    Path stateDir;

    @Test
    void fortyEightFaultyProbesGiveNoFalsePassAndLoseNoRow() throws Exception {
        byte[] bytes = new byte[12 * 1024];
        new Random(7).nextBytes(bytes);
        // a firmware byte the stuck-cell fault's all-ones bits cannot hold
        bytes[0x213] = 0;
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x2002_0000).putInt(4, 0x0800_0101);
        byte[] image = new byte[0x1_0000 + bytes.length];
        System.arraycopy(bytes, 0, image, 0x1_0000, bytes.length);
        System.arraycopy(bytes, 0, image, 0, 8);
        StationImage station = new StationImage(FlashImage.of(0x0800_0000, image), "soak", Sha256.of(image).hex(),
                "soak image", false);

        SoakReport report = SoakRun.run(new SoakRun.Settings(48, 300, SimFaults.parse("some"), Duration.ofMillis(400),
                station, stateDir, Optional.of(TestPostgres.freshDatabase()), Duration.ofMinutes(4)));

        assertThat(report.passed()).as(report.describe()).isTrue();
        assertThat(report.boards()).isGreaterThanOrEqualTo(300);
        // the faults did happen: the check above would be empty-handed otherwise
        assertThat(report.outcomes().keySet()).as(report.describe())
                .anyMatch(k -> k.startsWith("FAIL/WRONG_CHIP")).anyMatch(k -> k.startsWith("FAIL/READ_PROTECTED"))
                .anyMatch(k -> k.startsWith("PASS"));
    }
}
