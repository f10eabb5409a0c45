package io.flashstation.sim.stlink;

import static io.flashstation.sim.stlink.StlinkUsbHost.cmd;
import static io.flashstation.sim.stlink.StlinkUsbHost.memoryCommand;
import static io.flashstation.sim.stlink.StlinkUsbHost.u32;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.time.TimingProfile;
import io.flashstation.sim.time.VirtualClock;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Device-side ST-Link commands that run SWD on a virtual STM32F411 board. */
class VirtualStlinkOnBoardTest {

    private static final int SRAM = 0x2000_0000;
    private static final int DHCSR = 0xE000_EDF0;
    private static final int DEMCR = 0xE000_EDFC;

    private final Fixture fixture = new Fixture();
    private VirtualBoard board;
    private StlinkUsbHost host;

    @BeforeEach
    void connect() throws Exception {
        board = VirtualBoard.open(new BoardConfig(ChipVariant.STM32F411CE,
                new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, TimingProfile.TYPICAL, 0xAA, null));
        fixture.insert(board);
        host = new StlinkUsbHost(StlinkModel.V2, fixture);
        assertThat(host.exchange(cmd(0xF2, 0x30, 0xA3), 2)).containsExactly(0x80, 0x00);
    }

    @AfterEach
    void close() {
        host.close();
    }

    private static byte[] words(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private byte[] lastStatus() throws Exception {
        return host.exchange(cmd(0xF2, 0x3E), 12);
    }

    private int readDebugRegister(int address) throws Exception {
        ByteBuffer c = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xF2).put((byte) 0x36)
                .putInt(address);
        byte[] reply = host.exchange(c.array(), 8);
        assertThat(reply[0]).isEqualTo((byte) 0x80);
        return u32(reply, 4);
    }

    private void writeDebugRegister(int address, int value) throws Exception {
        ByteBuffer c = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xF2).put((byte) 0x35)
                .putInt(address).putInt(value);
        assertThat(host.exchange(c.array(), 2)).containsExactly(0x80, 0x00);
    }

    // stlink.md §3, §12 item 12: DEBUG mode after ENTER; §4 READ_IDCODES: DPIDR 0x2BA01477 at bytes 4–7
    @Test
    void enterConnectsAndReadsTheDpidr() throws Exception {
        assertThat(host.exchange(cmd(0xF5), 2)).containsExactly(0x02, 0x00);
        byte[] idcodes = host.exchange(cmd(0xF2, 0x31), 12);
        assertThat(idcodes[0]).isEqualTo((byte) 0x80);
        assertThat(u32(idcodes, 4)).isEqualTo(0x2BA01477);
    }

    // stlink.md §8: 2 × a1 × 1.2 / a0 gives the board's supply
    @Test
    void measuresTheBoardSupply() throws Exception {
        byte[] reply = host.exchange(cmd(0xF7), 8);
        double volts = 2.0 * u32(reply, 4) * 1.2 / u32(reply, 0);
        assertThat(volts).isCloseTo(board.targetVoltage(), org.assertj.core.data.Offset.offset(0.01));
    }

    // stlink.md §4/§5: 32-bit write then read back, GETLASTRWSTATUS2 OK after each
    @Test
    void wordsWrittenReadBack() throws Exception {
        host.send(memoryCommand(0x08, SRAM + 0x100, 8), words(0xCAFEF00D, 0x12345678));
        assertThat(lastStatus()[0]).isEqualTo((byte) 0x80);
        assertThat(host.exchange(memoryCommand(0x07, SRAM + 0x100, 8), 8)).isEqualTo(words(0xCAFEF00D, 0x12345678));
        assertThat(lastStatus()[0]).isEqualTo((byte) 0x80);
    }

    // adiv5-swd-jtag.md §6.3: sub-word accesses use the byte lanes of their address
    @Test
    void halfWordsAndBytesUseTheirByteLanes() throws Exception {
        host.send(memoryCommand(0x08, SRAM, 4), words(0));
        host.send(memoryCommand(0x48, SRAM + 2, 2), new byte[] {0x34, 0x12});
        host.send(memoryCommand(0x0D, SRAM + 1, 1), new byte[] {(byte) 0xAB});
        assertThat(host.exchange(memoryCommand(0x07, SRAM, 4), 4)).isEqualTo(words(0x1234AB00));
        assertThat(host.exchange(memoryCommand(0x0C, SRAM + 1, 3), 3)).containsExactly(0xAB, 0x34, 0x12);
        assertThat(host.exchange(memoryCommand(0x47, SRAM + 2, 2), 2)).containsExactly(0x34, 0x12);
        // stlink.md §4: a 1-byte read answers 2 bytes, the byte first
        assertThat(host.exchange(memoryCommand(0x0C, SRAM + 3, 1), 2)[0]).isEqualTo((byte) 0x12);
    }

    // stlink.md §5.2/§5.3: a 6144-byte transfer crossing 1 KiB and 4 KiB boundaries arrives intact
    @Test
    void largeTransfersCrossAutoIncrementBoundaries() throws Exception {
        byte[] data = new byte[6144];
        new Random(5).nextBytes(data);
        int start = SRAM + 0xF00;
        host.send(memoryCommand(0x08, start, data.length), data);
        assertThat(lastStatus()[0]).isEqualTo((byte) 0x80);
        assertThat(host.exchange(memoryCommand(0x07, start, data.length), data.length)).isEqualTo(data);
    }

    // stlink.md §4/§7: a bus error is SWD_AP_FAULT with the failing address; the next command works again
    @Test
    void aBusFaultIsReportedWithItsAddressAndCleared() throws Exception {
        int unmapped = 0x6000_0000;
        host.exchange(memoryCommand(0x07, unmapped, 8), 8);
        byte[] status = lastStatus();
        assertThat(status[0]).isEqualTo((byte) 0x11);
        assertThat(u32(status, 4)).isEqualTo(unmapped);
        host.exchange(memoryCommand(0x07, SRAM, 4), 4);
        assertThat(lastStatus()[0]).isEqualTo((byte) 0x80);
    }

    // stlink.md §9.2 step 6/8: halt through DHCSR, core registers through READREG/WRITEREG
    @Test
    void haltsAndAccessesCoreRegisters() throws Exception {
        writeDebugRegister(DHCSR, 0xA05F0003);
        assertThat(readDebugRegister(DHCSR) & (1 << 17)).as("S_HALT").isNotZero();
        assertThat(host.exchange(cmd(0xF2, 0x34, 0, 0x78, 0x56, 0x34, 0x12), 2)).containsExactly(0x80, 0x00);
        byte[] r0 = host.exchange(cmd(0xF2, 0x33, 0), 8);
        assertThat(r0[0]).isEqualTo((byte) 0x80);
        assertThat(u32(r0, 4)).isEqualTo(0x12345678);
        byte[] all = host.exchange(cmd(0xF2, 0x3A), 88);
        assertThat(u32(all, 0)).isEqualTo(0x80);
        assertThat(u32(all, 4)).isEqualTo(0x12345678);
        // API v1 GETSTATUS: 0x81 halted
        assertThat(host.exchange(cmd(0xF2, 0x01), 2)[0]).isEqualTo((byte) 0x81);
    }

    // stlink.md §12 item 15: RESETSYS resets the core and honours DEMCR.VC_CORERESET
    @Test
    void resetSysWithVectorCatchLeavesTheCoreHalted() throws Exception {
        writeDebugRegister(DHCSR, 0xA05F0001);
        writeDebugRegister(DEMCR, 0x01000001);
        assertThat(host.exchange(cmd(0xF2, 0x32), 2)).containsExactly(0x80, 0x00);
        assertThat(readDebugRegister(DHCSR) & (1 << 17)).as("S_HALT").isNotZero();
    }

    // stlink.md §4 0x45/0x46/0x4B, §9.3 step 5: IDR needs no INIT_AP, other AP registers do (J28+)
    @Test
    void dapRegistersNeedTheApOpenedExceptItsIdr() throws Exception {
        byte[] idr = host.exchange(cmd(0xF2, 0x45, 0x00, 0x00, 0xFC, 0x00), 8);
        assertThat(idr[0]).isEqualTo((byte) 0x80);
        assertThat(u32(idr, 4)).isEqualTo(0x24770011);
        assertThat(host.exchange(cmd(0xF2, 0x45, 0x00, 0x00, 0x00, 0x00), 8)[0]).isEqualTo((byte) 0x1D);

        assertThat(host.exchange(cmd(0xF2, 0x4B, 0x00), 2)).containsExactly(0x80, 0x00);
        assertThat(host.exchange(cmd(0xF2, 0x46, 0x00, 0x00, 0x00, 0x00, 0x12, 0x00, 0x00, 0xA2), 2))
                .containsExactly(0x80, 0x00);
        byte[] csw = host.exchange(cmd(0xF2, 0x45, 0x00, 0x00, 0x00, 0x00), 8);
        assertThat(u32(csw, 4) & 0xFF00_003F).as("writable CSW bits").isEqualTo(0xA200_0012);
        // the DP answers directly: CTRL/STAT with both power-up acknowledges (stlink.md §12 item 7)
        byte[] ctrlStat = host.exchange(cmd(0xF2, 0x45, 0xFF, 0xFF, 0x04, 0x00), 8);
        assertThat(u32(ctrlStat, 4) & 0xA000_0000).isEqualTo(0xA000_0000);
        assertThat(host.exchange(cmd(0xF2, 0x4C, 0x00), 2)).containsExactly(0x80, 0x00);
    }

    // stlink.md §7: the firmware retries a few WAITs itself and reports SWD_AP_WAIT when they go on
    @Test
    void retriesShortWaitRunsAndReportsLongOnes() throws Exception {
        board.faults().waitStorm(1, 3);
        host.exchange(memoryCommand(0x07, SRAM, 4), 4);
        assertThat(lastStatus()[0]).isEqualTo((byte) 0x80);

        board.faults().waitStorm(1, 50);
        host.exchange(memoryCommand(0x07, SRAM, 4), 4);
        assertThat(lastStatus()[0]).isEqualTo((byte) 0x10);
    }

    // stlink.md §5.4: RW_MISC batches of address, write and read items
    @Test
    void runsRwMiscBatches() throws Exception {
        byte[] request = ByteBuffer.allocate(4 + 16).order(ByteOrder.LITTLE_ENDIAN)
                .put(new byte[] {5, 1, 2, 3}).putInt(0).putInt(SRAM + 0x40).putInt(0x0BADCAFE).putInt(SRAM + 0x40)
                .array();
        host.send(cmd(0xF2, 0x51, 4, 0, 0, 0), request);
        byte[] results = host.exchange(cmd(0xF2, 0x52, 4, 0, 0, 0), 32);
        assertThat(u32(results, 12)).isEqualTo(0x0BADCAFE);
        for (int i = 0; i < 4; i++) {
            assertThat(u32(results, 16 + 4 * i)).isEqualTo(0x80);
        }
    }

    // TIMING.md §3: the answer is ready when the board's work is done; the probe takes the board's time
    @Test
    void answersWaitForTheBoardsWork() throws Exception {
        long before = board.clock().nanos();
        host.exchange(memoryCommand(0x07, SRAM, 4), 4);
        long boardAfter = board.clock().nanos();
        assertThat(boardAfter).isGreaterThan(before);
        assertThat(host.probe.nanos()).isEqualTo(boardAfter);
        assertThat(host.link.clock().nanos()).isGreaterThanOrEqualTo(boardAfter + 250_000);
    }

    // stlink.md §7: a board pulled out of the fixture stops answering
    @Test
    void aRemovedBoardNoLongerAnswers() throws Exception {
        fixture.remove();
        assertThat(host.exchange(cmd(0xF2, 0x31), 12)[0]).isEqualTo((byte) 0x09);
        assertThat(u32(host.exchange(cmd(0xF7), 8), 4)).isZero();
    }

    // adiv5-swd-jtag.md §7: with SELECT and CSW already set, a word read is TAR write, DRW read, RDBUFF read
    @Test
    void aWordReadCostsThreeTransactionsOnceSelectAndCswAreSet() throws Exception {
        host.exchange(memoryCommand(0x07, SRAM, 4), 4);
        long before = board.counters().swdTransfers();
        host.exchange(memoryCommand(0x07, SRAM + 4, 4), 4);
        assertThat(board.counters().swdTransfers() - before).isEqualTo(3);
        before = board.counters().swdTransfers();
        host.exchange(memoryCommand(0x07, SRAM, 1024), 1024);
        assertThat(board.counters().swdTransfers() - before).as("one TAR, 256 DRW, one RDBUFF").isEqualTo(258);
    }

    // TIMING.md §2 with stlink.md §6: the SWD clock set through SWD_SET_FREQ prices every bit on the board; the
    // same exchange (three 46-bit transactions) at 5 kHz and at 4 MHz differs by exactly the wire time
    @Test
    void theSwdClockPricesTheWire() throws Exception {
        host.exchange(memoryCommand(0x07, SRAM, 4), 4);
        assertThat(host.exchange(cmd(0xF2, 0x43, 0x1E, 0x03), 2)).containsExactly(0x80, 0x00); // divisor 798: 5 kHz
        long slow = timedWordRead();
        assertThat(host.exchange(cmd(0xF2, 0x43, 0x00, 0x00), 2)).containsExactly(0x80, 0x00); // divisor 0: 4 MHz
        long fast = timedWordRead();

        long wireDifference = 3 * (VirtualClock.bitTime(46, 5_000) - VirtualClock.bitTime(46, 4_000_000));
        assertThat(slow - fast).isCloseTo(wireDifference, org.assertj.core.data.Offset.offset(10L));
    }

    private long timedWordRead() throws Exception {
        long before = host.link.clock().nanos();
        host.exchange(memoryCommand(0x07, SRAM, 4), 4);
        return host.link.clock().nanos() - before;
    }

    // stlink.md §4 DRIVE_NRST: 0 holds the core in reset, 1 releases it, 2 pulses; anything else is refused
    @Test
    void drivesTheResetLine() throws Exception {
        assertThat(host.exchange(cmd(0xF2, 0x3C, 0x00), 2)).containsExactly(0x80, 0x00);
        assertThat(readDebugRegister(DHCSR) & (1 << 25)).as("S_RESET_ST").isNotZero();
        assertThat(host.exchange(cmd(0xF2, 0x3C, 0x01), 2)).containsExactly(0x80, 0x00);
        long before = host.probe.nanos();
        assertThat(host.exchange(cmd(0xF2, 0x3C, 0x02), 2)).containsExactly(0x80, 0x00);
        assertThat(host.probe.nanos() - before).isGreaterThanOrEqualTo(1_000_000);
        assertThat(readDebugRegister(DHCSR) & (1 << 25)).as("S_RESET_ST after the pulse").isNotZero();
        assertThat(host.exchange(cmd(0xF2, 0x3C, 0x03), 2)[0]).isEqualTo((byte) 0x81);
    }

    // stlink.md §4 API v1 FORCEDEBUG / RUNCORE / STEPCORE / GETSTATUS (0x81 halted, 0x80 running)
    @Test
    void apiV1CoreControl() throws Exception {
        assertThat(host.exchange(cmd(0xF2, 0x02), 2)).containsExactly(0x80, 0x00);
        assertThat(host.exchange(cmd(0xF2, 0x01), 2)[0]).isEqualTo((byte) 0x81);
        assertThat(host.exchange(cmd(0xF2, 0x0A), 2)).containsExactly(0x80, 0x00);
        assertThat(host.exchange(cmd(0xF2, 0x09), 2)).containsExactly(0x80, 0x00);
        assertThat(host.exchange(cmd(0xF2, 0x01), 2)[0]).isEqualTo((byte) 0x80);
    }

    // stlink.md §4 0x50/0x54: repeated 32-bit accesses to one address (CSW.AddrInc off)
    @Test
    void noIncrementTransfersStayOnOneAddress() throws Exception {
        host.send(memoryCommand(0x08, SRAM + 0x200, 8), words(0x11111111, 0x22222222));
        host.send(memoryCommand(0x50, SRAM + 0x200, 12), words(1, 2, 3));
        assertThat(host.exchange(memoryCommand(0x07, SRAM + 0x200, 8), 8)).isEqualTo(words(3, 0x22222222));
        assertThat(host.exchange(memoryCommand(0x54, SRAM + 0x200, 8), 8)).isEqualTo(words(3, 3));
    }

    // stlink.md §4 0x3B: the 2-byte status of firmware before J15
    @Test
    void shortLastRwStatus() throws Exception {
        host.exchange(memoryCommand(0x07, SRAM, 4), 4);
        assertThat(host.exchange(cmd(0xF2, 0x3B), 2)).containsExactly(0x80, 0x00);
        host.exchange(memoryCommand(0x07, 0x6000_0000, 4), 4);
        assertThat(host.exchange(cmd(0xF2, 0x3B), 2)).containsExactly(0x11, 0x00);
    }

    // stlink.md §4 ENTER: only SWD (0xA3) finds the board's SW-DP; a JTAG enter finds no IDCODE
    @Test
    void jtagEnterFindsNoIdcode() throws Exception {
        assertThat(host.exchange(cmd(0xF2, 0x30, 0x00), 2)).containsExactly(0x09, 0x00);
    }

    // TIMING.md §4: a board's virtual time counts its host sessions; DESIGN.md: boards come and go on a fixture
    @Test
    void aSwappedBoardJoinsTheSessionAndNeedsANewConnection() throws Exception {
        VirtualBoard second = VirtualBoard.open(new BoardConfig(ChipVariant.STM32F401CC,
                new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}, TimingProfile.TYPICAL, 0xAA, null));
        host.send(memoryCommand(0x08, SRAM, 4), words(0x5A5A5A5A));
        fixture.remove();
        fixture.insert(second);

        host.exchange(memoryCommand(0x07, SRAM, 4), 4);
        assertThat(lastStatus()[0]).as("the new board's DP has not been connected").isNotEqualTo((byte) 0x80);
        assertThat(host.exchange(cmd(0xF2, 0x30, 0xA3), 2)).containsExactly(0x80, 0x00);
        host.send(memoryCommand(0x08, SRAM, 4), words(0x0F0F0F0F));
        assertThat(host.exchange(memoryCommand(0x07, SRAM, 4), 4)).isEqualTo(words(0x0F0F0F0F));

        host.close();
        assertThat(board.counters().virtualNanos()).isPositive();
        assertThat(second.counters().virtualNanos()).isPositive();
    }

    // stlink.md §7 with adiv5-swd-jtag.md §5: raw DAP register access leaves sticky errors to the host: an AP
    // read of an unmapped address is SWD_AP_FAULT, a DP access while STICKYERR is set SWD_DP_FAULT, ABORT clears
    @Test
    void dapRegisterAccessLeavesStickyErrorsToTheHost() throws Exception {
        assertThat(host.exchange(cmd(0xF2, 0x4B, 0x00), 2)).containsExactly(0x80, 0x00);
        assertThat(host.exchange(cmd(0xF2, 0x46, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x60), 2))
                .containsExactly(0x80, 0x00); // TAR = 0x60000000, unmapped
        assertThat(host.exchange(cmd(0xF2, 0x45, 0x00, 0x00, 0x0C, 0x00), 8)[0]).isEqualTo((byte) 0x11);
        assertThat(host.exchange(cmd(0xF2, 0x45, 0xFF, 0xFF, 0x0C, 0x00), 8)[0]).isEqualTo((byte) 0x15);
        byte[] ctrlStat = host.exchange(cmd(0xF2, 0x45, 0xFF, 0xFF, 0x04, 0x00), 8);
        assertThat(u32(ctrlStat, 4) & (1 << 5)).as("STICKYERR").isNotZero();

        assertThat(host.exchange(cmd(0xF2, 0x46, 0xFF, 0xFF, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00), 2))
                .containsExactly(0x80, 0x00); // ABORT = STKERRCLR
        assertThat(host.exchange(cmd(0xF2, 0x45, 0xFF, 0xFF, 0x0C, 0x00), 8)[0]).isEqualTo((byte) 0x80);
    }

    // stlink.md §7: WAITs that go on are SWD_DP_WAIT on a DP register (RDBUFF stalls like an AP access)
    @Test
    void aLongWaitOnADpRegisterIsADpWait() throws Exception {
        board.faults().waitStorm(1, 50);
        assertThat(host.exchange(cmd(0xF2, 0x45, 0xFF, 0xFF, 0x0C, 0x00), 8)[0]).isEqualTo((byte) 0x14);
    }
}
