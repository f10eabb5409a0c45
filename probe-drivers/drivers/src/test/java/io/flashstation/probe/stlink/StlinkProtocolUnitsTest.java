package io.flashstation.probe.stlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.ProbeException;
import io.flashstation.probe.ProbeFirmwareException;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.SwdTransferException.Failure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The driver's pure protocol pieces: version decoding and gate, status mapping, chunking, clock choice. */
class StlinkProtocolUnitsTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    // stlink.md §2.1 worked bytes
    @Test
    void decodesTheWorkedVersionExamples() {
        assertThat(StlinkVersion.fromGetVersion(bytes(0x29, 0x47, 0x83, 0x04, 0x48, 0x37), false))
                .hasToString("V2J37S7");
        assertThat(StlinkVersion.fromGetVersion(bytes(0x29, 0x5A, 0x83, 0x04, 0x4B, 0x37), true))
                .hasToString("V2J37M26");
        StlinkVersion v3 = StlinkVersion.fromGetVersion(bytes(0x30, 0x00, 0x83, 0x04, 0x4F, 0x37), false);
        assertThat(v3.needsVersionEx()).isTrue();
        assertThat(StlinkVersion.fromGetVersionEx(bytes(3, 1, 7, 2, 4, 0, 0, 0, 0x83, 0x04, 0x4F, 0x37)))
                .hasToString("V3J7M2B4S1");
    }

    // stlink.md §2.1: a V2-1 reporting X=28, Y=7 is an STM8-only probe with no SWD firmware
    @Test
    void refusesAnStm8OnlyV21() {
        int word = (2 << 12) | (28 << 6) | 7;
        StlinkVersion version = StlinkVersion.fromGetVersion(bytes(word >> 8, word & 0xFF, 0x83, 4, 0x4B, 0x37), true);
        assertThatThrownBy(version::requireSupported)
                .isInstanceOf(ProbeFirmwareException.class).hasMessageContaining("no SWD debug firmware");
    }

    // stlink.md §2.2: the gate sits at V2J32 / V3J2; features below it are implied
    @Test
    void gatesAtV2J32AndV3J2() throws Exception {
        new StlinkVersion(2, 32, "S7").requireSupported();
        new StlinkVersion(3, 2, "M1B0S0").requireSupported();
        assertThatThrownBy(() -> new StlinkVersion(2, 31, "S7").requireSupported())
                .isInstanceOf(ProbeFirmwareException.class).hasMessageContaining("V2J31S7")
                .hasMessageContaining("V2J32");
        assertThatThrownBy(() -> new StlinkVersion(1, 13, "S0").requireSupported())
                .isInstanceOf(ProbeFirmwareException.class).hasMessageContaining("hardware version 1");
        assertThat(new StlinkVersion(2, 37, "S7").max8BitBytes()).isEqualTo(64);
        assertThat(new StlinkVersion(3, 5, "M1").max8BitBytes()).isEqualTo(64);
        assertThat(new StlinkVersion(3, 6, "M1").max8BitBytes()).isEqualTo(512);
    }

    // stlink.md §7 status codes
    @ParameterizedTest
    @CsvSource({"0x10, WAIT", "0x14, WAIT", "0x11, FAULT", "0x15, FAULT", "0x19, FAULT", "0x1A, FAULT",
        "0x12, NO_ACK", "0x16, NO_ACK", "0x09, NO_ACK", "0x13, PARITY", "0x17, PARITY"})
    void mapsSwdStatusesToWireFailures(String code, Failure failure) {
        ProbeException e = StlinkStatus.failure(Integer.decode(code), 4, "X");
        assertThat(e).isInstanceOfSatisfying(SwdTransferException.class, swd -> {
            assertThat(swd.failure()).isEqualTo(failure);
            assertThat(swd.index()).isEqualTo(4);
        });
    }

    // stlink.md §7: 0x80 and 0x0D succeed; probe-side refusals are not wire failures
    @Test
    void probeRefusalsAreNotSwdFailures() {
        assertThat(StlinkStatus.isOk(0x80)).isTrue();
        assertThat(StlinkStatus.isOk(0x0D)).isTrue();
        assertThat(StlinkStatus.failure(0x42, -1, "GET_COM_FREQ"))
                .isNotInstanceOf(SwdTransferException.class).hasMessageContaining("0x42");
        assertThat(StlinkStatus.failure(0x81, -1, "X")).isNotInstanceOf(SwdTransferException.class);
    }

    // stlink.md §5.3: chunks end at the boundary and at the size limit
    @Test
    void chunksStopAtBoundariesAndLimits() {
        assertThat(MemoryChunks.split(0x2000_0F00, 0x300, 6144, 4096)).containsExactly(
                new MemoryChunks.Chunk(0x2000_0F00, 0x100, 0), new MemoryChunks.Chunk(0x2000_1000, 0x200, 0x100));
        assertThat(MemoryChunks.split(0x2000_0003, 130, 64, 1024)).extracting(MemoryChunks.Chunk::length)
                .containsExactly(64, 64, 2);
        assertThat(MemoryChunks.split(0xFFFF_FFF0, 16, 64, 1024)).containsExactly(
                new MemoryChunks.Chunk(0xFFFF_FFF0, 16, 0));
        assertThat(MemoryChunks.split(0x2000_0000, 0, 64, 1024)).isEmpty();
    }

    // stlink.md §6: exact, else fastest below, else slowest
    @Test
    void picksTheFastestClockNotAboveTheRequest() {
        List<Integer> v3 = List.of(24000, 8000, 3300, 1000, 200, 50, 5);
        assertThat(StlinkSwdClock.pick(v3, 3_300_000)).isEqualTo(3300);
        assertThat(StlinkSwdClock.pick(v3, 3_299_999)).isEqualTo(1000);
        assertThat(StlinkSwdClock.pick(v3, 100)).isEqualTo(5);
        assertThat(StlinkSwdClock.v2Divisor(480_000)).isEqualTo(new StlinkSwdClock.V2Divisor(480, 7));
        assertThat(StlinkSwdClock.v2Divisor(10_000)).isEqualTo(new StlinkSwdClock.V2Divisor(5, 798));
    }
}
