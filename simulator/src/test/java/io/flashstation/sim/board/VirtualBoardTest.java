package io.flashstation.sim.board;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.core.RunState;
import io.flashstation.sim.debug.SwdAck;
import io.flashstation.sim.debug.SwdHostBits;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.time.TimingProfile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VirtualBoardTest {

    private static final int FLASH_KEYR = 0x40023C04;
    private static final int FLASH_SR = 0x40023C0C;
    private static final int FLASH_CR = 0x40023C10;
    private static final int DHCSR = 0xE000EDF0;
    private static final int DEMCR = 0xE000EDFC;
    private static final int DFSR = 0xE000ED30;
    private static final int AIRCR = 0xE000ED0C;
    private static final int SECTOR_1 = 0x08004000;

    private final VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(0));
    private final OpenOcdStyleHost host = new OpenOcdStyleHost(board.swd());

    @Test
    void examinesLikeOpenOcd() {
        // stm32f411-target.md §12.1 with adiv5-swd-jtag.md §8: DP power-up, AP IDR, mem_ap_init, CPUID, DHCSR
        board.swd().setClockHz(4_000_000);
        assertThat(host.connect()).isEqualTo(0xF0000001); // REQs, ACKs and ORUNDETECT; READOK: no AP read yet
        assertThat(host.ap(0xFC)).isEqualTo(0x24770011);
        assertThat(host.ap(0xF4)).isZero(); // CFG
        host.apWrite(0x0, 0xA2000020);
        host.apWrite(0x4, 0);
        assertThat(host.ap(0x0) & 0x30).isZero(); // no packed transfers
        assertThat(host.readWord(0xE000ED00)).isEqualTo(0x410FC241);
        assertThat(host.readWord(0xE000EF40)).isEqualTo(0x10110021);
        assertThat(host.readWord(0xE000EF44)).isEqualTo(0x11000011);
        int dhcsr = host.readWord(DHCSR);
        assertThat(dhcsr & 1).isZero();
        host.writeWord(DHCSR, 0xA05F0000 | ((dhcsr | 1) & ~0xE & 0xFFFF));
        assertThat(host.readWord(DHCSR) & 1).isEqualTo(1);
        host.writeWord(DEMCR, 0x01000000);
        assertThat(host.readWord(0xE0002000)).isEqualTo(0x260); // FP_CTRL: 6 code + 2 literal comparators
        assertThat(host.readWord(0xE0001000) >>> 28).isEqualTo(4); // DWT_CTRL.NUMCOMP
        assertThat(host.readWord(0xE0001FBC)).isZero(); // DWT_DEVARCH
        assertThat(host.readWord(0xE0042000)).isEqualTo(0x10006431); // DBGMCU_IDCODE via the chip (§1)
        assertThat(host.readHalf(0x1FFF7A22)).isEqualTo(0x0200); // F_SIZE on lanes 31:16 (§4)
        assertThat(host.waits).isZero();
    }

    @Test
    void resetsHaltedThenErasesProgramsAndReadsBackWithWaitsWhileFlashIsBusy() {
        // §12.2 reset halt; §12.3 unlock + sector erase (PSIZE x8); §8 program sequence; TIMING.md §1 BSY stalls
        board.swd().setClockHz(4_000_000);
        host.connect();
        host.writeWord(DHCSR, 0xA05F0001);
        host.writeWord(DEMCR, 0x01000501);
        host.writeWord(AIRCR, 0x05FA0004);
        assertThat(host.dp(0x4) & 0xA0000000).isEqualTo(0xA0000000); // the DP stayed powered (§13.5)
        assertThat(host.readWord(DHCSR) & 0x20000).isNotZero();
        assertThat(host.readWord(DFSR) & 0x8).isNotZero(); // VCATCH
        host.writeWord(0xE0002000, 3);
        assertThat(host.readWord(0xE0002000) & 1).isEqualTo(1); // FPB enable latched (§13.13)

        assertThat(host.readWord(FLASH_CR)).isEqualTo(0x80000000);
        host.writeWord(FLASH_KEYR, 0x45670123);
        host.writeWord(FLASH_KEYR, 0xCDEF89AB);
        assertThat(host.readWord(FLASH_CR)).isZero();

        long eraseStart = board.clock().nanos();
        host.writeWord(FLASH_CR, 0x0001000A); // SER | SNB 1 | STRT, PSIZE x8
        int polls = 0;
        while ((host.readWord(FLASH_SR) & 0x10000) != 0) {
            polls++;
        }
        assertThat(polls).isPositive();
        assertThat(board.clock().nanos() - eraseStart).isGreaterThanOrEqualTo(400_000_000L); // 16 KiB at x8
        assertThat(host.readWord(FLASH_SR) & 0xF2).isZero();

        host.writeWord(FLASH_CR, 0x00000201); // PG | PSIZE x32
        host.apWrite(0x0, OpenOcdStyleHost.CSW_WORD_INC);
        host.apWrite(0x4, SECTOR_1);
        long programStart = board.clock().nanos();
        for (int i = 0; i < 64; i++) {
            host.apWrite(0xC, 0xC0DE0000 + i);
        }
        assertThat(host.waits).isPositive(); // 46 bits at 4 MHz (11.5 µs) is shorter than one program (16 µs)
        assertThat(board.clock().nanos() - programStart).isGreaterThanOrEqualTo(63 * 16_000L);
        while ((host.readWord(FLASH_SR) & 0x10000) != 0) {
            polls++;
        }
        host.writeWord(FLASH_CR, 0x80000000);

        host.apWrite(0x0, OpenOcdStyleHost.CSW_WORD_INC);
        host.apWrite(0x4, SECTOR_1);
        host.raw(true, true, 0xC, 0);
        for (int i = 0; i < 64; i++) {
            int data = i < 63 ? host.raw(true, true, 0xC, 0).data() : host.dp(0xC);
            assertThat(data).isEqualTo(0xC0DE0000 + i);
        }
        assertThat(board.counters().sectorsErased()).isEqualTo(1);
        assertThat(board.counters().bytesProgrammed()).isEqualTo(256);
    }

    @Test
    void savesOnSessionEndAndReloadsFromTheStateDirectory(@TempDir Path dir) {
        // DESIGN.md (boards persist to a state directory); TIMING.md §4 (virtual time per session)
        BoardConfig config = BoardConfig.labBoard(7).withStateDir(dir);
        VirtualBoard first = VirtualBoard.open(config);
        OpenOcdStyleHost firstHost = new OpenOcdStyleHost(first.swd());
        first.sessionStarted();
        firstHost.connect();
        firstHost.writeWord(0x40023C04, 0x45670123);
        firstHost.writeWord(0x40023C04, 0xCDEF89AB);
        firstHost.writeWord(0x40023C10, 0x00000201);
        firstHost.writeWord(SECTOR_1, 0x600DF00D);
        // a host waits for BSY to clear before it ends the session (at 1 MHz one poll outlasts the 16 µs program)
        assertThat(firstHost.readWord(FLASH_SR) & 0x10000).isZero();
        first.sessionEnded();
        assertThat(Files.exists(dir.resolve("flash.bin"))).isTrue();
        BoardCounters saved = first.counters();
        assertThat(saved.virtualNanos()).isPositive();
        assertThat(saved.swdTransfers()).isPositive();

        VirtualBoard second = VirtualBoard.open(BoardConfig.labBoard(99).withStateDir(dir));
        assertThat(second.uidHex()).isEqualTo(first.uidHex()); // the saved board, not the config's
        OpenOcdStyleHost secondHost = new OpenOcdStyleHost(second.swd());
        second.sessionStarted();
        secondHost.connect();
        assertThat(secondHost.readWord(SECTOR_1)).isEqualTo(0x600DF00D);
        second.sessionEnded();
        assertThat(second.counters().bytesProgrammed()).isEqualTo(4);
        assertThat(second.counters().virtualNanos()).isGreaterThan(saved.virtualNanos());
        assertThat(second.counters().swdTransfers()).isGreaterThan(saved.swdTransfers());
    }

    @Test
    void virtualTimeCountsOnlyWhileSessionsRun() {
        // TIMING.md §4: from the first transfer of a session to its last answer; waiting between sessions is not counted
        board.swd().setClockHz(1_000_000);
        board.sessionStarted();
        host.connect();
        long firstSpan = board.counters().virtualNanos();
        board.sessionEnded();
        board.clock().advance(60_000_000_000L); // the operator swaps boards
        board.sessionStarted();
        host.dp(0x0);
        board.sessionEnded();
        assertThat(firstSpan).isEqualTo(board.clock().nanos() - 60_000_000_000L - 46_000);
        assertThat(board.counters().virtualNanos()).isEqualTo(firstSpan + 46_000);
    }

    @Test
    void partAndTimingComeFromTheConfig() {
        // stm32f411-target.md §1/§4/§11 (DEV_ID, F_SIZE, ROM table part = DEV_ID); TIMING.md §1 Max column
        VirtualBoard f401 = VirtualBoard.open(BoardConfig.labBoard(4).withChip(ChipVariant.STM32F401CC)
                .withTiming(TimingProfile.MAX));
        OpenOcdStyleHost h = new OpenOcdStyleHost(f401.swd());
        h.connect();
        assertThat(h.readWord(0xE0042000) & 0xFFF).isEqualTo(0x423);
        assertThat(h.readHalf(0x1FFF7A22)).isEqualTo(256);
        assertThat(h.readWord(0xE00FFFE0)).isEqualTo(0x23); // ROM table PIDR0: DEV_ID bits 7:0
        h.writeWord(FLASH_KEYR, 0x45670123);
        h.writeWord(FLASH_KEYR, 0xCDEF89AB);
        long start = f401.clock().nanos();
        h.writeWord(FLASH_CR, 0x0001000A);
        while ((h.readWord(FLASH_SR) & 0x10000) != 0) {
            assertThat(f401.clock().nanos() - start).isLessThan(900_000_000L);
        }
        assertThat(f401.clock().nanos() - start).isGreaterThanOrEqualTo(800_000_000L); // 16 KiB at x8, Max
    }

    @Test
    void labBoardsHaveDistinctUidsReadableThroughTheDebugPort() {
        // stm32f411-target.md §4: 96-bit UID at 0x1FFF7A10
        VirtualBoard other = VirtualBoard.open(BoardConfig.labBoard(1));
        assertThat(other.uidHex()).isNotEqualTo(board.uidHex());
        host.connect();
        String hex = String.format("%08X%08X%08X", host.readWord(0x1FFF7A10), host.readWord(0x1FFF7A14),
                host.readWord(0x1FFF7A18));
        assertThat(hex).isEqualTo(board.uidHex());
    }

    @Test
    void rdpLevel2SilencesTheDebugPort() {
        // stm32f411-target.md §7.2: level 2 disables SWD (no ACK → 0b111)
        VirtualBoard locked = VirtualBoard.open(BoardConfig.labBoard(2).withRdpByte(0xCC));
        OpenOcdStyleHost lockedHost = new OpenOcdStyleHost(locked.swd());
        locked.swd().sequence(SwdHostBits.JTAG_TO_SWD_BITS, SwdHostBits.jtagToSwd());
        assertThat(lockedHost.raw(false, true, 0x0, 0).ack()).isEqualTo(SwdAck.NO_RESPONSE);
    }

    @Test
    void rdpLevel1BlocksFlashOnceADebuggerPowersUpTheDp() {
        // stm32f411-target.md §7.2: with a debugger connected, main flash reads are bus errors; SRAM stays open
        VirtualBoard protectedBoard = VirtualBoard.open(BoardConfig.labBoard(3).withRdpByte(0xBB));
        OpenOcdStyleHost h = new OpenOcdStyleHost(protectedBoard.swd());
        h.connect();
        h.writeWord(0x20000000, 0x12345678);
        assertThat(h.readWord(0x20000000)).isEqualTo(0x12345678);
        h.apWrite(0x4, 0x08000000);
        h.raw(true, true, 0xC, 0);
        assertThat(h.raw(false, true, 0xC, 0).ack()).isEqualTo(SwdAck.FAULT);
        assertThat(h.dp(0x4) & 0x20).isNotZero(); // STICKYERR
    }

    @Test
    void nrstResetsTheCoreButNotTheDebugPort() {
        // stm32f411-target.md §12.2 / §13.8: NRST resets core + peripherals, the DP keeps its power-up state
        byte[] image = board.chip().flashImage();
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0x20020000).putInt(4, 0x080001C9);
        board.chip().loadFlashImage(image);
        assertThat(board.debugBlock().core().runState()).isEqualTo(RunState.LOCKUP); // it powered up erased
        host.connect();
        host.writeWord(FLASH_KEYR, 0x45670123);
        host.writeWord(FLASH_KEYR, 0xCDEF89AB);
        board.setResetLine(true);
        assertThat(board.debugBlock().core().runState()).isEqualTo(RunState.IN_RESET);
        assertThat(host.dp(0x4) & 0xA0000000).isEqualTo(0xA0000000);
        assertThat(host.readWord(DHCSR) & 0x02000000).isNotZero(); // S_RESET_ST
        board.setResetLine(false);
        assertThat(board.debugBlock().core().runState()).isEqualTo(RunState.RUNNING);
        assertThat(host.readWord(FLASH_CR)).isEqualTo(0x80000000); // flash interface locked again
        assertThat(board.targetVoltage()).isEqualTo(3.3);
    }

    @Test
    void brownOutPowerCyclesTheDebugPortAndDetachesTheDebugger() {
        // FaultPlan.brownoutDuringNextOperation: the chip powers on again; an SWJ-DP powers up in JTAG mode (§2)
        host.connect();
        host.writeWord(FLASH_KEYR, 0x45670123);
        host.writeWord(FLASH_KEYR, 0xCDEF89AB);
        board.faults().brownoutDuringNextOperation(0.5);
        host.writeWord(FLASH_CR, 0x0001000A);
        board.clock().advance(1_000_000_000L);
        board.chip().stats(); // the chip notices the end of the cut-short erase
        assertThat(host.raw(false, true, 0x0, 0).ack()).isEqualTo(SwdAck.NO_RESPONSE);
        assertThat(board.targetVoltage()).isEqualTo(VirtualBoard.SUPPLY_VOLTS); // the dip is too short for VREF
        assertThat(host.connect() & 0xA0000000).isEqualTo(0xA0000000);
        assertThat(host.readWord(FLASH_CR)).isEqualTo(0x80000000);
        assertThat(host.readWord(DEMCR)).isZero(); // debug configuration is gone after a power-on
    }

    @Test
    void vanishedTargetLeavesTheWireUndriven() {
        // FaultPlan.vanish: every request unanswered, the host reads the pull-up
        host.connect();
        board.faults().vanish(true);
        assertThat(host.raw(false, true, 0x0, 0).ack()).isEqualTo(SwdAck.NO_RESPONSE);
        board.faults().vanish(false);
        assertThat(host.raw(false, true, 0x0, 0).ack()).isEqualTo(SwdAck.OK);
    }

    @Test
    void bitBangingHostProgramsFlashOverTheWireThroughWaits() {
        // adiv5-swd-jtag.md §1.2 (ORUNDETECT data phase after WAIT), §5; TIMING.md §1–§2; §8 program sequence
        board.wire().setClockHz(4_000_000);
        BitBangWireHost wireHost = new BitBangWireHost(board.wire());
        wireHost.connect();
        wireHost.write(false, 0x8, 0);
        wireHost.write(true, 0x0, 0xA2000002);
        wireHost.write(true, 0x4, FLASH_KEYR);
        wireHost.write(true, 0xC, 0x45670123);
        wireHost.write(true, 0xC, 0xCDEF89AB);
        wireHost.write(true, 0x4, FLASH_CR);
        wireHost.write(true, 0xC, 0x00000201);
        wireHost.write(true, 0x0, OpenOcdStyleHost.CSW_WORD_INC);
        wireHost.write(true, 0x4, SECTOR_1);
        for (int i = 0; i < 16; i++) {
            wireHost.write(true, 0xC, 0x5EED0000 + i);
        }
        assertThat(wireHost.waits).isPositive();
        wireHost.write(true, 0x4, SECTOR_1);
        wireHost.read(true, 0xC);
        for (int i = 0; i < 16; i++) {
            int data = i < 15 ? wireHost.read(true, 0xC) : wireHost.read(false, 0xC);
            assertThat(data).isEqualTo(0x5EED0000 + i);
        }
        assertThat(board.counters().bytesProgrammed()).isEqualTo(64);
    }

    @Test
    void wirePortReachesTheSameDebugPort() {
        // adiv5-swd-jtag.md §1–§2 at the wire: switch, then DPIDR read (request 0xA5)
        byte[] all = new byte[17];
        Arrays.fill(all, (byte) -1);
        byte[] sampled = new byte[17];
        board.wire().clock(SwdHostBits.JTAG_TO_SWD_BITS, all, SwdHostBits.jtagToSwd(), sampled);
        byte[] drives = {-1, 0, 0, 0, 0, 0};
        board.wire().clock(46, drives, new byte[] {(byte) 0xA5, 0, 0, 0, 0, 0}, sampled);
        long bits = 0;
        for (int i = 0; i < 46; i++) {
            bits |= (long) ((sampled[i >> 3] >> (i & 7)) & 1) << i;
        }
        assertThat((bits >>> 9) & 7).isEqualTo(SwdAck.OK.bits());
        assertThat((int) (bits >>> 12)).isEqualTo(0x2BA01477);
        assertThat(board.chip().variant()).isEqualTo(ChipVariant.STM32F411CE);
    }
}
