package io.flashstation.sim.cmsisdap;

import static org.assertj.core.api.Assertions.assertThat;

import io.flashstation.sim.probe.Fixture;
import org.junit.jupiter.api.Test;

/** A host session and the boards in the fixture (TIMING.md §4: a board's session runs from open to close). */
class CmsisDapSessionTest {

    private static final int OUT = CmsisDapUsbDevice.OUT_ENDPOINT;
    private static final int IN = CmsisDapUsbDevice.IN_ENDPOINT;

    private final Fixture fixture = new Fixture();
    private final CmsisDapBulkDevice device = CmsisDapBulkDevice.xiaoDaplink(1, fixture);

    @Test
    void openingAndClosingTheProbeStartsAndEndsTheBoardsSession() {
        // TIMING.md §4: from the tool's open of the device to its close
        ScriptedTarget board = new ScriptedTarget();
        fixture.insert(board);
        device.opened(1_000);
        assertThat(board.sessionsStarted()).isEqualTo(1);
        device.closed(9_000);
        assertThat(board.sessionsEnded()).isEqualTo(1);
        assertThat(device.probe().nanos()).isEqualTo(9_000);
    }

    @Test
    void aBoardSwappedInDuringASessionJoinsIt() {
        // TIMING.md §4; DESIGN.md: boards come and go while the probe stays plugged in
        ScriptedTarget first = new ScriptedTarget();
        ScriptedTarget second = new ScriptedTarget();
        fixture.insert(first);
        device.opened(0);
        fixture.remove();
        fixture.insert(second);
        device.receive(OUT, Hex.bytes("02 01"), 0);
        device.nextIn(IN);
        device.receive(OUT, Hex.bytes("05 00 01 02"), 0);
        assertThat(device.nextIn(IN).data()).isEqualTo(Hex.bytes("05 01 01 77 14 A0 2B"));
        assertThat(first.sessionsEnded()).isEqualTo(1);
        assertThat(second.sessionsStarted()).isEqualTo(1);
        assertThat(second.log).containsExactly("DP R 0");
    }

    @Test
    void commandsLeftUnreadStillRunWhenTheHostCloses() {
        // cmsis-dap.md §11.3: the probe runs every request it took; an unread answer does not undo its work
        ScriptedTarget board = new ScriptedTarget();
        fixture.insert(board);
        device.opened(0);
        device.receive(OUT, Hex.bytes("10 00 80 00 00 00 00"), 0);
        device.closed(1_000);
        assertThat(board.resetLine).containsExactly(true);
    }

    @Test
    void answersLeftFromAnEarlierSessionAreStillQueued() {
        // cmsis-dap.md §11.3 re-sync on open: hosts drain stale packets because the probe keeps them
        device.opened(0);
        device.receive(OUT, Hex.bytes("00 FE"), 0);
        device.closed(10);
        device.opened(20);
        assertThat(device.nextIn(IN).data()).isEqualTo(Hex.bytes("00 01 02"));
    }
}
