package io.flashstation.sim.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.time.TimingProfile;
import org.junit.jupiter.api.Test;

/**
 * Erasing and programming a board's flash through the virtual probe, the way a host does it over DAP_Transfer:
 * unlock, start, then poll FLASH_SR.BSY with a value-match read (cmsis-dap.md §7.2, §7.4 item 5). The probe's
 * clock must show the flash operation's duration (TIMING.md §1, §3; stm32f411-target.md flash interface).
 */
class CmsisDapFlashTest {

    private static final String WAIT_WHILE_BUSY = "05 00 03 05 0C 3C 02 40 20 00 00 01 00 1F 00 00 00 00";

    private final VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(3));
    private final ProbeBench bench = ProbeBench.daplink();

    CmsisDapFlashTest() {
        bench.fixture.insert(board);
        bench.exchange("02 01");
        bench.exchange("12 88 FF FF FF FF FF FF FF 9E E7 FF FF FF FF FF FF FF 00");
        bench.exchange("05 00 01 02");
        bench.exchange("05 00 03 04 00 00 00 50 20 00 00 00 A0 16 00 00 00 A0");
        // MatchRetry 65535 so that a poll can outlast an erase; SELECT AP0 bank 0, CSW 32-bit without increment,
        // unlock FLASH_KEYR (0x40023C04) with KEY1 then KEY2
        bench.exchange("04 00 64 00 FF FF");
        assertThat(bench.exchange("05 00 05 08 00 00 00 00 01 02 00 00 A2 05 04 3C 02 40 0D 23 01 67 45 "
                + "0D AB 89 EF CD")).isEqualTo("05 05 01");
    }

    @Test
    void aSectorEraseKeepsTheValueMatchPollGoingForTheEraseTime() {
        // FLASH_CR (0x40023C10) = SER | SNB 0 | PSIZE x32, then STRT; TIMING.md §1: 16 KB sector at x32 = 250 ms
        assertThat(bench.exchange("05 00 02 05 10 3C 02 40 0D 02 02 00 00")).isEqualTo("05 02 01");
        assertThat(bench.exchange("05 00 01 0D 02 02 01 00")).isEqualTo("05 01 01");
        long started = bench.probe.nanos();
        assertThat(bench.exchange(WAIT_WHILE_BUSY)).isEqualTo("05 03 01");
        long erase = TimingProfile.TYPICAL.sectorEraseNanos(16 * 1024, 2);
        // STRT landed one check read (46 us at 1 MHz) before "started"; the poll ends within one read of BSY clearing
        assertThat(bench.probe.nanos() - started).isBetween(erase - 100_000, erase + 100_000);
        assertThat(board.clock().nanos()).isEqualTo(bench.probe.nanos());
    }

    @Test
    void aProgrammedWordReadsBackThroughTheProbe() {
        // erase sector 0, then FLASH_CR = PG | PSIZE x32 and one word to 0x08000000
        bench.exchange("05 00 02 05 10 3C 02 40 0D 02 02 00 00");
        bench.exchange("05 00 01 0D 02 02 01 00");
        bench.exchange(WAIT_WHILE_BUSY);
        assertThat(bench.exchange("05 00 04 05 10 3C 02 40 0D 01 02 00 00 05 00 00 00 08 0D BE BA FE CA"))
                .isEqualTo("05 04 01");
        assertThat(bench.exchange(WAIT_WHILE_BUSY)).isEqualTo("05 03 01");
        assertThat(bench.exchange("05 00 02 05 00 00 00 08 0F")).isEqualTo("05 02 01 BE BA FE CA");
    }
}
