package io.flashstation.probe.jlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.probe.SelectTracker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * adiv5-swd-jtag.md §3 (posted AP reads, RDBUFF), §4.5 (SELECT), §5 (which DP accesses are answered at once) and
 * jlink.md §3.5 (RDBUFF collects posted reads and confirms buffered writes): the packets a batch becomes.
 */
class SwdPacketPlannerTest {

    private final SwdPacketPlanner planner = new SwdPacketPlanner(new SelectTracker());
    private final List<Integer> values = new ArrayList<>();

    @Test
    void postedApReadsAreCollectedByTheNextReadAndAFinalRdbuff() {
        List<DapTransfer> batch = List.of(apRead(0xFC), apRead(0xFC), apRead(0xFC));
        List<WirePacket> packets = planner.plan(batch, PlanPoint.START);

        assertThat(packets).extracting(WirePacket::describe).containsExactly(
                "DP write A=0x8", "AP read A=0xC", "AP read A=0xC", "AP read A=0xC", "DP read A=0xC");
        assertThat(packets.get(1).value()).isZero();
        assertThat(packets.get(0).value()).isEqualTo(0xF0); // SELECT bank 0xF for IDR
        assertThat(packets.get(1).target()).isNull(); // the first posted read returns nothing of ours
        assertThat(packets.get(2).target().owner()).isZero();
        assertThat(packets.get(3).target().owner()).isEqualTo(1);
        assertThat(packets.get(4).target().owner()).isEqualTo(2);
    }

    @Test
    void aDpAccessCollectsAPendingReadFirst() {
        List<DapTransfer> batch = List.of(apRead(0x0C), dpRead(0x4));
        List<WirePacket> packets = planner.plan(batch, PlanPoint.START);

        assertThat(packets).extracting(WirePacket::describe).containsExactly(
                "DP write A=0x8", "AP read A=0xC", "DP read A=0xC", "DP read A=0x4");
        assertThat(packets.get(2).target().owner()).isZero();
        assertThat(packets.get(3).target().owner()).isEqualTo(1);
    }

    @Test
    void aBatchEndingInAnApWriteEndsWithAnRdbuffThatConfirmsIt() {
        List<DapTransfer> batch = List.of(apWrite(0x04, 0x20000000), apWrite(0x0C, 1), apWrite(0x0C, 2));
        List<WirePacket> packets = planner.plan(batch, PlanPoint.START);

        assertThat(packets).extracting(WirePacket::describe).containsExactly(
                "DP write A=0x8", "AP write A=0x4", "AP write A=0xC", "AP write A=0xC", "DP read A=0xC");
        assertThat(packets.get(4).owner()).isEqualTo(2);
        assertThat(packets.get(4).target()).isNull();
    }

    @Test
    void aCtrlStatReadNeverFollowsAnUnconfirmedApWrite() {
        // a CTRL/STAT read cannot WAIT and would cancel a write still buffered in the DP (§5, KA16363)
        List<DapTransfer> batch = List.of(apWrite(0x0C, 1), dpRead(0x4));
        List<WirePacket> packets = planner.plan(batch, PlanPoint.START);

        assertThat(packets).extracting(WirePacket::describe).containsExactly(
                "DP write A=0x8", "AP write A=0xC", "DP read A=0xC", "DP read A=0x4");
    }

    @Test
    void selectIsWrittenOnlyWhenTheBankChanges() {
        List<DapTransfer> batch = List.of(apWrite(0x00, 0x23000052), apWrite(0x04, 0), apRead(0xFC));
        List<WirePacket> packets = planner.plan(batch, PlanPoint.START);

        assertThat(packets).extracting(WirePacket::describe).containsExactly(
                "DP write A=0x8", "AP write A=0x0", "AP write A=0x4", "DP write A=0x8", "AP read A=0xC",
                "DP read A=0xC");
        assertThat(packets.get(3).value()).isEqualTo(0xF0);
    }

    @Test
    void replanningFromAPacketRepeatsItAndWhatFollows() {
        SelectTracker tracker = new SelectTracker();
        SwdPacketPlanner fresh = new SwdPacketPlanner(tracker);
        List<DapTransfer> batch = List.of(apRead(0x0C), apRead(0x0C), apRead(0x0C));
        List<WirePacket> first = fresh.plan(batch, PlanPoint.START);
        WirePacket secondRead = first.get(2);

        tracker.invalidate(); // as after a WAIT: the line was reset
        List<WirePacket> again = fresh.plan(batch, secondRead.resume());

        // the first read's value still waits in RDBUFF: collected before SELECT is written again
        assertThat(again).extracting(WirePacket::describe).containsExactly(
                "DP read A=0xC", "DP write A=0x8", "AP read A=0xC", "AP read A=0xC", "DP read A=0xC");
        assertThat(again.get(0).target().owner()).isZero();
        assertThat(again.get(3).target().owner()).isEqualTo(1);
    }

    @Test
    void ctrlStatWritesAlwaysTurnOverrunDetectionOn() {
        // the probe clocks a data phase after every ACK; only ORUNDETECT makes the DP skip it after WAIT (§1.2)
        List<DapTransfer> batch = List.of(new DapTransfer(false, false, 0, 0x4, 0x50000000, null),
                new DapTransfer(false, false, 0, 0x8, 0x1, null), // SELECT.CTRLSEL: 0x4 is now WCR
                new DapTransfer(false, false, 0, 0x4, 0x40, null));
        List<WirePacket> packets = planner.plan(batch, PlanPoint.START);

        assertThat(packets).extracting(WirePacket::value).containsExactly(0x50000001, 0x1, 0x40);
    }

    private DapTransfer apRead(int address) {
        return new DapTransfer(true, true, 0, address, 0, values::add);
    }

    private DapTransfer dpRead(int address) {
        return new DapTransfer(false, true, 0, address, 0, values::add);
    }

    private static DapTransfer apWrite(int address, int value) {
        return new DapTransfer(true, false, 0, address, value, null);
    }
}
