package io.flashstation.station.sim;

import io.flashstation.sim.board.BoardConfig;
import io.flashstation.sim.board.VirtualBoard;
import io.flashstation.sim.probe.Fixture;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.station.slot.SlotState;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A person at one fixture of the simulated station: puts a fresh board on, leaves it for the swap interval (never
 * taking a board off while its slot is flashing it), takes it off, and puts the next one on. Boards get UIDs from the probe's own range, so no two fixtures share a board.
 */
final class SimulatedOperator implements Runnable {

    /** Boards per fixture before UIDs repeat; 48 fixtures fit in the lab's 250 000 UIDs. */
    static final int BOARDS_PER_FIXTURE = 5000;

    /** A bit pattern nothing can program away: every bit of this firmware byte stuck at one. */
    static final int STUCK_ADDRESS = 0x0801_0213;

    private static final Duration POLL = Duration.ofMillis(20);

    private final int fixtureIndex;
    private final Fixture fixture;
    private final Supplier<Optional<SlotState>> slotState;
    private final Duration swapEvery;
    private final SimFaults faults;
    private final Random random;
    private final BoardLedger ledger;
    private volatile boolean stopped;

    SimulatedOperator(int fixtureIndex, Fixture fixture, Supplier<Optional<SlotState>> slotState, Duration swapEvery,
            SimFaults faults, long seed, BoardLedger ledger) {
        this.ledger = ledger;
        this.fixtureIndex = fixtureIndex;
        this.fixture = fixture;
        this.slotState = slotState;
        this.swapEvery = swapEvery;
        this.faults = faults;
        this.random = new Random(seed + fixtureIndex);
    }

    void stop() {
        stopped = true;
    }

    @Override
    public void run() {
        try {
            for (int n = 0; !stopped; n = (n + 1) % BOARDS_PER_FIXTURE) {
                fixture.insert(board(n, faults.draw(random)));
                Thread.sleep(swapEvery.toMillis());
                waitUntil(() -> !isFlashing(), Duration.ofMinutes(10));
                fixture.remove();
                Thread.sleep(Math.min(500, Math.max(50, swapEvery.toMillis() / 4)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean isFlashing() {
        return slotState.get().filter(s -> s == SlotState.FLASHING).isPresent();
    }

    private void waitUntil(Supplier<Boolean> condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!stopped && !condition.get() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
    }

    /** The first board the operator at fixture {@code fixtureIndex} (1-based) puts on, without faults. */
    static VirtualBoard firstBoard(int fixtureIndex) {
        return VirtualBoard.open(BoardConfig.labBoard((fixtureIndex - 1) * BOARDS_PER_FIXTURE));
    }

    private VirtualBoard board(int n, Optional<SimFault> fault) {
        BoardConfig config = BoardConfig.labBoard((fixtureIndex - 1) * BOARDS_PER_FIXTURE + n);
        if (fault.equals(Optional.of(SimFault.LOCKED))) {
            config = config.withRdpByte(0x55);
        } else if (fault.equals(Optional.of(SimFault.WRONG_CHIP))) {
            config = config.withChip(ChipVariant.STM32F401CC);
        }
        VirtualBoard board = VirtualBoard.open(config);
        ledger.placed(board.uidHex(), fault);
        if (fault.equals(Optional.of(SimFault.STUCK_CELL))) {
            for (int bit = 0; bit < 8; bit++) {
                board.faults().stuckAtOne(STUCK_ADDRESS, bit);
            }
        } else if (fault.equals(Optional.of(SimFault.NOISE))) {
            board.faults().flipReadData(3);
        } else if (fault.equals(Optional.of(SimFault.YANK))) {
            // pulled while its flash is busy: the power goes half way through the first erase, in virtual time,
            // so the failure comes mid-flash however fast the simulation runs
            board.faults().brownoutDuringNextOperation(0.5);
        }
        return board;
    }
}
