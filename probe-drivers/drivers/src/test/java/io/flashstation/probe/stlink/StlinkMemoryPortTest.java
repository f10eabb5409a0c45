package io.flashstation.probe.stlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flashstation.probe.DebugProbe;
import io.flashstation.probe.MemoryPort;
import io.flashstation.probe.ProbeCounters;
import io.flashstation.probe.ProbeLostException;
import io.flashstation.probe.SwdTransferException;
import io.flashstation.probe.SwdTransferException.Failure;
import io.flashstation.sim.stlink.StlinkModel;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The firmware memory commands behind {@link MemoryPort}: sizes, boundaries, status, faults, unplugging. */
class StlinkMemoryPortTest {

    private static final int SRAM = 0x2000_0000;
    private static final int UNMAPPED = 0x6000_0000;
    private static final int FLASH_KEYR = 0x4002_3C04;
    private static final int FLASH_CR = 0x4002_3C10;
    private static final int FLASH_CR_SER = 1 << 1;
    private static final int FLASH_CR_PSIZE_X32 = 2 << 8;
    private static final int FLASH_CR_STRT = 1 << 16;
    private static final int SECTOR_1 = 0x0800_4000;

    private static int[] randomWords(int count, long seed) {
        return new Random(seed).ints(count).toArray();
    }

    private static byte[] randomBytes(int count, long seed) {
        byte[] bytes = new byte[count];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static MemoryPort port(DebugProbe probe) {
        return probe.memoryPort().orElseThrow();
    }

    // stlink.md §5.2/§5.3: 5000 bytes from SRAM+0x100 = two 32-bit commands split at the 4 KiB boundary; a write
    // posts its command and data and asks for GETLASTRWSTATUS2 (1 round trip), a read also waits for its data (2)
    @Test
    void wordsRoundTripOverFourKibInTwoCommandsEach() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            int[] written = randomWords(1250, 1);
            ProbeCounters start = probe.counters();
            port(probe).writeWords(SRAM + 0x100, written, 0, written.length);
            ProbeCounters afterWrite = probe.counters();
            int[] read = new int[written.length + 2];
            port(probe).readWords(SRAM + 0x100, read, 1, written.length);
            ProbeCounters afterRead = probe.counters();

            assertThat(Arrays.copyOfRange(read, 1, 1 + written.length)).containsExactly(written);
            // the caller's array outside offset..offset+count is untouched
            assertThat(read[0]).isZero();
            assertThat(read[read.length - 1]).isZero();
            assertThat(afterWrite.usbRoundTrips() - start.usbRoundTrips()).isEqualTo(2);
            assertThat(afterRead.usbRoundTrips() - afterWrite.usbRoundTrips()).isEqualTo(4);
            // per command CSW + TAR, one DRW per word, and a read's final RDBUFF
            assertThat(afterWrite.swdTransfers() - start.swdTransfers()).isEqualTo(2 * 2 + 1250);
            assertThat(afterRead.swdTransfers() - afterWrite.swdTransfers()).isEqualTo(2 * 3 + 1250);
        }
    }

    // stlink.md §5.3: 16 KiB aligned = four 4 KiB commands, none crossing a 4 KiB boundary
    @Test
    void alignedBlocksUseFullFourKibCommands() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V3); DebugProbe probe = bench.connected()) {
            int[] written = randomWords(4096, 2);
            long before = probe.counters().usbRoundTrips();
            port(probe).writeWords(SRAM + 0x4000, written, 0, written.length);
            assertThat(probe.counters().usbRoundTrips() - before).isEqualTo(4);
            int[] read = new int[written.length];
            port(probe).readWords(SRAM + 0x4000, read, 0, read.length);
            assertThat(read).containsExactly(written);
            assertThat(probe.counters().usbRoundTrips() - before).isEqualTo(4 + 8);
        }
    }

    // stlink.md §5.2: 8-bit commands carry at most 64 bytes on V2; odd length at an odd address round-trips
    @Test
    void oddLengthBytesAtAnOddAddressOnV2() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            byte[] written = randomBytes(133, 3);
            byte[] aroundBefore = new byte[2];
            port(probe).readBytes(SRAM + 0x202, aroundBefore, 0, 1);
            port(probe).readBytes(SRAM + 0x203 + 133, aroundBefore, 1, 1);
            long before = probe.counters().usbRoundTrips();
            port(probe).writeBytes(SRAM + 0x203, written, 0, written.length);
            // 64 + 64 + 5 bytes
            assertThat(probe.counters().usbRoundTrips() - before).isEqualTo(3);
            byte[] read = new byte[133];
            port(probe).readBytes(SRAM + 0x203, read, 0, read.length);
            assertThat(read).containsExactly(written);
            assertThat(probe.counters().usbRoundTrips() - before).isEqualTo(3 + 6);
            // the bytes around were left alone (SRAM powers up with random content, so compare with before)
            byte[] around = new byte[2];
            port(probe).readBytes(SRAM + 0x202, around, 0, 1);
            port(probe).readBytes(SRAM + 0x203 + 133, around, 1, 1);
            assertThat(around).containsExactly(aroundBefore);
        }
    }

    // stlink.md §5.2: V3 from J6 moves 512 bytes per 8-bit command
    @Test
    void v3MovesFiveHundredTwelveBytesPerByteCommand() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V3); DebugProbe probe = bench.connected()) {
            byte[] written = randomBytes(1001, 4);
            long before = probe.counters().usbRoundTrips();
            port(probe).writeBytes(SRAM + 0x1, written, 0, written.length);
            assertThat(probe.counters().usbRoundTrips() - before).isEqualTo(2);
            byte[] read = new byte[written.length];
            port(probe).readBytes(SRAM + 0x1, read, 0, read.length);
            assertThat(read).containsExactly(written);
        }
    }

    // stlink.md §4: a single-byte read is answered with two bytes; the second is not data
    @Test
    void singleByteRead() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            port(probe).writeBytes(SRAM + 0x11, new byte[] {(byte) 0xA5, 0x5A}, 0, 2);
            byte[] one = {0, 0x77};
            port(probe).readBytes(SRAM + 0x11, one, 0, 1);
            assertThat(one).containsExactly(0xA5, 0x77);
        }
    }

    // stlink.md §5.3: even a short byte transfer is split where it crosses the 4 KiB boundary
    @Test
    void byteTransfersAreSplitAtTheBoundary() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            byte[] written = randomBytes(32, 5);
            long before = probe.counters().usbRoundTrips();
            port(probe).writeBytes(SRAM + 0xFF0, written, 0, written.length);
            assertThat(probe.counters().usbRoundTrips() - before).isEqualTo(2);
            int[] words = new int[8];
            port(probe).readWords(SRAM + 0xFF0, words, 0, 8);
            assertThat(words[4]).isEqualTo((written[16] & 0xFF) | (written[17] & 0xFF) << 8
                    | (written[18] & 0xFF) << 16 | (written[19] & 0xFF) << 24);
        }
    }

    // stlink.md §7: SWD_AP_FAULT in GETLASTRWSTATUS2 → FAULT, naming the address; the port works afterwards
    @Test
    void unmappedAddressFaultsAndThePortRecovers() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            assertThatThrownBy(() -> port(probe).writeWords(UNMAPPED, new int[] {1, 2}, 0, 2))
                    .isInstanceOfSatisfying(SwdTransferException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.FAULT))
                    .hasMessageContaining("0x60000000");
            assertThatThrownBy(() -> port(probe).readBytes(UNMAPPED + 3, new byte[5], 0, 5))
                    .isInstanceOfSatisfying(SwdTransferException.class,
                            e -> assertThat(e.failure()).isEqualTo(Failure.FAULT));
            port(probe).writeWords(SRAM, new int[] {0x12345678}, 0, 1);
            int[] back = new int[1];
            port(probe).readWords(SRAM, back, 0, 1);
            assertThat(back[0]).isEqualTo(0x12345678);
        }
    }

    // TIMING.md §1: flash reads stall while BSY, the DP answers WAIT, the firmware reports SWD_AP/DP_WAIT (stlink.md
    // §7), and the port re-sends with 1, 2, 4 … ms back-off (§5.1) until a 16 KiB sector erase (250 ms at x32) ends
    @Test
    void waitsOutAFlashEraseWithBackOff() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            // the two keys go to the same register, so two one-word writes, not one auto-incrementing transfer
            port(probe).writeWords(FLASH_KEYR, new int[] {0x4567_0123}, 0, 1);
            port(probe).writeWords(FLASH_KEYR, new int[] {0xCDEF_89AB}, 0, 1);
            int eraseSector1AtX32 = FLASH_CR_SER | (1 << 3) | FLASH_CR_PSIZE_X32;
            port(probe).writeWords(FLASH_CR, new int[] {eraseSector1AtX32}, 0, 1);
            port(probe).writeWords(FLASH_CR, new int[] {eraseSector1AtX32 | FLASH_CR_STRT}, 0, 1);
            long before = probe.clock().nanos();
            long trips = probe.counters().usbRoundTrips();
            int[] erased = new int[4];
            port(probe).readWords(SECTOR_1, erased, 0, 4);
            assertThat(erased).containsOnly(0xFFFF_FFFF);
            assertThat(probe.counters().usbRoundTrips() - trips).isGreaterThan(2);
            assertThat(probe.clock().nanos() - before).isBetween(200_000_000L, 400_000_000L);
        }
    }

    // the contract: word transfers need word alignment, caught before any USB traffic
    @Test
    void refusesUnalignedWordTransfers() throws Exception {
        try (StlinkBench bench = StlinkBench.withBoard(StlinkModel.V2); DebugProbe probe = bench.connected()) {
            long before = probe.counters().usbRoundTrips();
            assertThatThrownBy(() -> port(probe).readWords(SRAM + 2, new int[1], 0, 1))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(probe.counters().usbRoundTrips()).isEqualTo(before);
        }
    }

    // DebugProbe contract: a probe pulled out in the middle of a transfer surfaces as ProbeLostException at once
    @Test
    void unplugInTheMiddleOfAWriteIsProbeLost() throws Exception {
        InterposedStlink[] cable = new InterposedStlink[1];
        try (StlinkBench bench = StlinkBench.wrapped(StlinkModel.V2, stlink -> {
            cable[0] = new InterposedStlink(stlink);
            return cable[0];
        }); DebugProbe probe = bench.connected()) {
            // 8 KiB of 64-byte packets: pulled out inside the second WRITEMEM's data phase
            cable[0].unplugAfter(100, () -> bench.bus.unplug(StlinkBench.PORT));
            long before = probe.clock().nanos();
            assertThatThrownBy(() -> port(probe).writeWords(SRAM, randomWords(2048, 6), 0, 2048))
                    .isInstanceOf(ProbeLostException.class)
                    .hasMessageContaining("left the USB bus");
            // no timeout was waited for
            assertThat(probe.clock().nanos() - before).isLessThan(100_000_000L);
            assertThatThrownBy(() -> probe.setResetLine(false)).isInstanceOf(ProbeLostException.class);
        }
    }
}
