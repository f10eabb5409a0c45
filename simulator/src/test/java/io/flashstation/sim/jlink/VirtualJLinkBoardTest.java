package io.flashstation.sim.jlink;

import static io.flashstation.sim.jlink.JLinkTestHost.u16;
import static io.flashstation.sim.jlink.SwdIoRequest.bit;
import static io.flashstation.sim.jlink.SwdIoRequest.bits;
import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.core.RunState;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.usb.VirtualUsbDevice.InTransfer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A virtual J-Link driving a virtual STM32F411 board through SWD I/O (0xCF), the way OpenOCD 0.12.0 does. */
class VirtualJLinkBoardTest {

    private static final int ACK_OK = 0b001;
    private static final int DPIDR = 0x2BA01477;
    // request bytes, jlink.md §3.2
    private static final int DP_READ_DPIDR = 0xA5;
    private static final int DP_WRITE_ABORT = 0x81;
    private static final int DP_READ_CTRL_STAT = 0x8D;
    private static final int DP_WRITE_CTRL_STAT = 0xA9;
    private static final int DP_WRITE_SELECT = 0xB1;
    private static final int DP_READ_RDBUFF = 0xBD;
    private static final int AP_WRITE_CSW = 0xA3;
    private static final int AP_WRITE_TAR = 0x8B;
    private static final int AP_WRITE_DRW = 0xBB;
    private static final int AP_READ_DRW = 0x9F;
    /** CSW: 32-bit accesses, TAR auto-increment, the debugger's HPROT/master bits as OpenOCD sets them. */
    private static final int CSW_WORD_INCREMENT = 0xA2000012;
    /** OpenOCD's ap_delay_clk once the core is examined (jlink.md §3.3). */
    private static final int AP_DELAY = 8;
    private static final int CDBGPWRUPACK = 1 << 29;
    private static final int CSYSPWRUPACK = 1 << 31;

    private final Fixture fixture = new Fixture();
    private final VirtualBoard board = VirtualBoard.open(BoardConfig.labBoard(0));

    static Stream<JLinkProfile> profiles() {
        return Stream.of(JLinkProfile.genuineOb(), JLinkProfile.armObStm32Clone());
    }

    @ParameterizedTest
    @MethodSource("profiles")
    void openOcdsFirstBatchReadsTheStm32F411Dpidr(JLinkProfile profile) {
        // jlink.md §3.4: JTAG-to-SWD, DPIDR read, 8 idle clocks: ACK at 144–146, DPIDR at 147–178, parity 179
        JLinkTestHost host = swdSession(profile);

        byte[] reply = host.exchange(new SwdIoRequest().jtagToSwd().read(DP_READ_DPIDR).out(0, 8).encode());

        assertThat(reply).hasSize(25);
        assertThat(bits(reply, 144, 3)).as("ACK").isEqualTo(ACK_OK);
        assertThat(bits(reply, 147, 32)).as("DPIDR").isEqualTo(DPIDR & 0xFFFFFFFFL);
        assertThat(bit(reply, 179)).as("even parity of 14 ones").isZero();
        assertThat(reply[24]).as("status").isZero();
    }

    @Test
    void aLineResetBeforeTheSwitchStillEndsInAnAnsweringDp() {
        // jlink.md §3.7: line reset (56 ones, 8 zeros), JTAG-to-SWD, then the DPIDR read
        JLinkTestHost host = swdSession(JLinkProfile.genuineOb());
        SwdIoRequest batch = new SwdIoRequest().lineReset().jtagToSwd();
        int ack = batch.bitCount() + 8;
        batch.read(DP_READ_DPIDR).out(0, 8);

        byte[] reply = host.exchange(batch.encode());

        assertThat(bits(reply, ack, 3)).isEqualTo(ACK_OK);
        assertThat(bits(reply, ack + 3, 32)).isEqualTo(DPIDR & 0xFFFFFFFFL);
    }

    @Test
    void dpPowerUpIsAcknowledgedInCtrlStat() {
        // jlink.md §3.5: after connecting, OpenOCD clears sticky errors (ABORT 0x1E) and requests debug and
        // system power-up in CTRL/STAT, then polls for both ACK bits
        JLinkTestHost host = swdSession(JLinkProfile.armObStm32Clone());
        SwdIoRequest batch = connect();
        List<Integer> acks = new ArrayList<>();
        acks.add(write(batch, DP_WRITE_ABORT, 0x1E));
        acks.add(write(batch, DP_WRITE_CTRL_STAT, 0x50000000));
        int ctrlStat = read(batch, DP_READ_CTRL_STAT);
        batch.out(0, 8);

        byte[] reply = host.exchange(batch.encode());

        assertThat(acks).allSatisfy(at -> assertThat(bits(reply, at, 3)).isEqualTo(ACK_OK));
        assertThat(bits(reply, ctrlStat, 3)).isEqualTo(ACK_OK);
        long value = bits(reply, ctrlStat + 3, 32);
        assertThat(value & (CDBGPWRUPACK | CSYSPWRUPACK) & 0xFFFFFFFFL)
                .isEqualTo((CDBGPWRUPACK | CSYSPWRUPACK) & 0xFFFFFFFFL);
        assertThat(bit(reply, ctrlStat + 35)).as("parity").isEqualTo(Long.bitCount(value) & 1);
    }

    @Test
    void aMemoryReadThroughTheAhbApReturnsDbgmcuIdcode() {
        // jlink.md §3.2 request bytes, §3.3 OpenOCD layout with ap_delay_clk idle clocks after AP accesses;
        // the DRW read is posted, so the value comes from RDBUFF
        JLinkTestHost host = swdSession(JLinkProfile.genuineOb());
        SwdIoRequest batch = connect();
        List<Integer> acks = new ArrayList<>();
        acks.add(write(batch, DP_WRITE_ABORT, 0x1E));
        acks.add(write(batch, DP_WRITE_CTRL_STAT, 0x50000000));
        acks.add(write(batch, DP_WRITE_SELECT, 0));
        acks.add(apWrite(batch, AP_WRITE_CSW, CSW_WORD_INCREMENT));
        acks.add(apWrite(batch, AP_WRITE_TAR, 0xE0042000));
        acks.add(read(batch, AP_READ_DRW));
        batch.out(0, AP_DELAY);
        int rdbuff = read(batch, DP_READ_RDBUFF);
        batch.out(0, 8);

        byte[] reply = host.exchange(batch.encode());

        assertThat(acks).allSatisfy(at -> assertThat(bits(reply, at, 3)).isEqualTo(ACK_OK));
        assertThat(bits(reply, rdbuff, 3)).isEqualTo(ACK_OK);
        // stm32f411-target.md §1: DBGMCU_IDCODE 0x10006431 on rev A silicon (DEV_ID 0x431, REV_ID 0x1000)
        assertThat(bits(reply, rdbuff + 3, 32)).isEqualTo(0x10006431L);
    }

    @Test
    void oneBatchWritesSramAndReadsItBackThroughPostedReads() {
        // jlink.md §3.5: OpenOCD queues many transactions into one 0xCF and checks each ACK at its position;
        // AP reads are posted, so each DRW read returns the previous one's data and RDBUFF the last
        JLinkTestHost host = swdSession(JLinkProfile.armObStm32Clone());
        int[] words = {0x01234567, 0x89ABCDEF, 0xDEADBEEF, 0x0BADF00D};
        SwdIoRequest batch = connect();
        List<Integer> acks = new ArrayList<>();
        acks.add(write(batch, DP_WRITE_ABORT, 0x1E));
        acks.add(write(batch, DP_WRITE_CTRL_STAT, 0x50000000));
        acks.add(write(batch, DP_WRITE_SELECT, 0));
        acks.add(apWrite(batch, AP_WRITE_CSW, CSW_WORD_INCREMENT));
        acks.add(apWrite(batch, AP_WRITE_TAR, 0x20000000));
        for (int word : words) {
            acks.add(apWrite(batch, AP_WRITE_DRW, word));
        }
        acks.add(apWrite(batch, AP_WRITE_TAR, 0x20000000));
        int[] reads = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            reads[i] = read(batch, AP_READ_DRW);
            batch.out(0, AP_DELAY);
        }
        int rdbuff = read(batch, DP_READ_RDBUFF);
        batch.out(0, 8);

        byte[] reply = host.exchange(batch.encode());

        assertThat(reply[reply.length - 1]).as("status").isZero();
        assertThat(acks).allSatisfy(at -> assertThat(bits(reply, at, 3)).isEqualTo(ACK_OK));
        for (int i = 1; i < words.length; i++) {
            assertThat(bits(reply, reads[i], 3)).isEqualTo(ACK_OK);
            assertThat(bits(reply, reads[i] + 3, 32)).isEqualTo(words[i - 1] & 0xFFFFFFFFL);
        }
        assertThat(bits(reply, rdbuff + 3, 32)).isEqualTo(words[words.length - 1] & 0xFFFFFFFFL);
    }

    @Test
    void aVanishedTargetReadsAsTheUndrivenLine() {
        // jlink.md §3.2: ACK all ones = no target (line pulled up)
        board.faults().vanish(true);
        JLinkTestHost host = swdSession(JLinkProfile.genuineOb());

        byte[] reply = host.exchange(new SwdIoRequest().jtagToSwd().read(DP_READ_DPIDR).out(0, 8).encode());

        assertThat(bits(reply, 144, 3)).isEqualTo(0b111);
        assertThat(reply[24]).as("not a probe error (§2.12)").isZero();
    }

    @Test
    void aWaitFromTheApShowsInItsAckSlot() {
        // jlink.md §3.2: WAIT = 0b010; §2.12: SWD-level WAIT is not a probe error, the status stays 0
        board.faults().waitStorm(1, 1);
        JLinkTestHost host = swdSession(JLinkProfile.genuineOb());
        SwdIoRequest batch = connect();
        write(batch, DP_WRITE_ABORT, 0x1E);
        write(batch, DP_WRITE_CTRL_STAT, 0x50000000);
        write(batch, DP_WRITE_SELECT, 0);
        int csw = write(batch, AP_WRITE_CSW, 0xA2000002);
        batch.out(0, 8);

        byte[] reply = host.exchange(batch.encode());

        assertThat(bits(reply, csw, 3)).isEqualTo(0b010);
        assertThat(reply[reply.length - 1]).isZero();
    }

    @Test
    void theSwdIoIsReadyWhenTheBoardHasClockedItsLastCycle() {
        // TIMING.md §2 / §3: 190 clocks at 4 MHz; the board's clock and the answer agree
        JLinkTestHost host = swdSession(JLinkProfile.armObStm32Clone());
        host.send(new SwdIoRequest().jtagToSwd().read(DP_READ_DPIDR).out(0, 8).encode(), 1_000_000);

        List<InTransfer> answer = host.transfers();

        assertThat(answer).hasSize(1);
        assertThat(answer.get(0).readyNanos()).isEqualTo(1_000_000 + 190 * 250);
        assertThat(board.clock().nanos()).isEqualTo(answer.get(0).readyNanos());
    }

    @Test
    void targetVoltageIsTheBoardsSupplyAndZeroOnceItIsRemoved() {
        // jlink.md §2.8: VTref in mV
        JLinkTestHost host = swdSession(JLinkProfile.genuineOb());

        assertThat(u16(host.exchange(0x07), 0)).isEqualTo(3300);
        fixture.remove();
        assertThat(u16(host.exchange(0x07), 0)).isZero();
    }

    @Test
    void hwReset0HoldsTheCoreInResetUntilHwReset1() {
        // jlink.md §2.9: 0xDC drives nRESET low, 0xDD releases it
        JLinkTestHost host = swdSession(JLinkProfile.genuineOb());

        host.send(0, 0xDC);
        assertThat(board.debugBlock().core().runState()).isEqualTo(RunState.IN_RESET);
        assertThat(host.exchange(0x07)[6]).as("TRES").isZero();
        host.send(0, 0xDD);
        assertThat(board.debugBlock().core().runState()).isNotEqualTo(RunState.IN_RESET);
    }

    @Test
    void aSessionCountsTheBoardsVirtualTime() {
        // TIMING.md §4: from the open of the device to its close
        JLinkTestHost host = swdSession(JLinkProfile.genuineOb());
        host.exchange(new SwdIoRequest().jtagToSwd().read(DP_READ_DPIDR).out(0, 8).encode());
        host.probe.closed(host.probe.busyUntil());

        assertThat(board.counters().swdTransfers()).isEqualTo(1);
        assertThat(board.counters().virtualNanos()).isPositive();
    }

    /** A board in the fixture, a host session opened, SWD selected at 4 MHz (jlink.md §5 steps 9–11). */
    private JLinkTestHost swdSession(JLinkProfile profile) {
        fixture.insert(board);
        JLinkTestHost host = new JLinkTestHost(new VirtualJLink(profile, fixture));
        host.probe.opened(0);
        host.exchange(0xC7, 0x01);
        host.send(0, 0x05, 0xA0, 0x0F);
        return host;
    }

    /** OpenOCD's connect: JTAG-to-SWD and the DPIDR read, whose ACK must be OK for the rest to mean anything. */
    private static SwdIoRequest connect() {
        return new SwdIoRequest().jtagToSwd().read(DP_READ_DPIDR);
    }

    /** Queues a write; returns the slot of its ACK. */
    private static int write(SwdIoRequest batch, int request, int data) {
        int ack = batch.bitCount() + 8;
        batch.write(request, data);
        return ack;
    }

    /** Queues an AP write followed by OpenOCD's idle clocks; returns the slot of its ACK. */
    private static int apWrite(SwdIoRequest batch, int request, int data) {
        int ack = write(batch, request, data);
        batch.out(0, AP_DELAY);
        return ack;
    }

    /** Queues a read; returns the slot of its ACK (data follows at +3, parity at +35). */
    private static int read(SwdIoRequest batch, int request) {
        int ack = batch.bitCount() + 8;
        batch.read(request);
        return ack;
    }
}
