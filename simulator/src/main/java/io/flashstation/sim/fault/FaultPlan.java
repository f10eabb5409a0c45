package io.flashstation.sim.fault;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The faults armed on one virtual board. Tests and the lab arm them; the debug port and the flash
 * controller consume them as they happen. Counters count down per occurrence and disarm at zero.
 */
public final class FaultPlan {

    private int waitStormTransfers;
    private int waitsPerTransfer;
    private int busErrorAccesses;
    private int readParityFlips;
    private int writeParityFlips;
    private boolean targetVanished;
    private final Map<Integer, Integer> stuckAtOne = new HashMap<>();
    private final Map<Integer, Integer> stuckAtZero = new HashMap<>();
    private final Set<Integer> sectorsFailingErase = new HashSet<>();
    private double brownoutFraction = -1;

    /** The next {@code transfers} AP or RDBUFF accesses each get {@code waitsEach} WAIT answers before proceeding. */
    public synchronized FaultPlan waitStorm(int transfers, int waitsEach) {
        this.waitStormTransfers = transfers;
        this.waitsPerTransfer = waitsEach;
        return this;
    }

    /** The next {@code accesses} MEM-AP bus accesses fail with an AHB error (STICKYERR, then FAULT answers). */
    public synchronized FaultPlan busErrors(int accesses) {
        this.busErrorAccesses = accesses;
        return this;
    }

    /** The next {@code transfers} read data phases reach the host with one bit flipped (a parity error). */
    public synchronized FaultPlan flipReadData(int transfers) {
        this.readParityFlips = transfers;
        return this;
    }

    /** The next {@code transfers} write data phases reach the target with one bit flipped (WDATAERR). */
    public synchronized FaultPlan flipWriteData(int transfers) {
        this.writeParityFlips = transfers;
        return this;
    }

    /** The target stops driving SWDIO: every request goes unanswered (ACK reads 0b111). */
    public synchronized FaultPlan vanish(boolean vanished) {
        this.targetVanished = vanished;
        return this;
    }

    /** The flash cell holding bit {@code bit} of the byte at {@code address} reads 1 whatever is programmed. */
    public synchronized FaultPlan stuckAtOne(int address, int bit) {
        stuckAtOne.merge(address, 1 << bit, (a, b) -> a | b);
        return this;
    }

    /** The flash cell holding bit {@code bit} of the byte at {@code address} reads 0 even after an erase. */
    public synchronized FaultPlan stuckAtZero(int address, int bit) {
        stuckAtZero.merge(address, 1 << bit, (a, b) -> a | b);
        return this;
    }

    /** Erasing this sector completes without error but leaves its contents as they were. */
    public synchronized FaultPlan failErase(int sector) {
        sectorsFailingErase.add(sector);
        return this;
    }

    /**
     * The supply browns out during the next flash program or erase operation, after {@code fraction} (0..1) of it:
     * the operation is left partly done and the chip goes through a power-on reset.
     */
    public synchronized FaultPlan brownoutDuringNextOperation(double fraction) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be within 0..1: " + fraction);
        }
        this.brownoutFraction = fraction;
        return this;
    }

    /** Disarms every fault. */
    public synchronized void clear() {
        waitStormTransfers = 0;
        waitsPerTransfer = 0;
        busErrorAccesses = 0;
        readParityFlips = 0;
        writeParityFlips = 0;
        targetVanished = false;
        stuckAtOne.clear();
        stuckAtZero.clear();
        sectorsFailingErase.clear();
        brownoutFraction = -1;
    }

    // --- consumed by the debug port -------------------------------------------------------------

    /** WAIT answers owed to the AP access about to start (0 when no storm is armed); consumes one storm transfer. */
    public synchronized int takeWaits() {
        if (waitStormTransfers <= 0) {
            return 0;
        }
        waitStormTransfers--;
        return waitsPerTransfer;
    }

    /** True when this MEM-AP bus access must fail; consumes one. */
    public synchronized boolean takeBusError() {
        return busErrorAccesses > 0 && busErrorAccesses-- > 0;
    }

    /** True when this read data phase must be corrupted; consumes one. */
    public synchronized boolean takeReadFlip() {
        return readParityFlips > 0 && readParityFlips-- > 0;
    }

    /** True when this write data phase must be corrupted; consumes one. */
    public synchronized boolean takeWriteFlip() {
        return writeParityFlips > 0 && writeParityFlips-- > 0;
    }

    public synchronized boolean targetVanished() {
        return targetVanished;
    }

    // --- consumed by the flash controller -------------------------------------------------------

    /** Applies stuck cells to a byte read from flash at {@code address}. */
    public synchronized int applyStuckCells(int address, int value) {
        if (stuckAtOne.isEmpty() && stuckAtZero.isEmpty()) {
            return value;
        }
        return (value | stuckAtOne.getOrDefault(address, 0)) & ~stuckAtZero.getOrDefault(address, 0) & 0xFF;
    }

    public synchronized boolean eraseFails(int sector) {
        return sectorsFailingErase.contains(sector);
    }

    /** The fraction after which the operation starting now browns out, or -1; consumes the fault. */
    public synchronized double takeBrownout() {
        double f = brownoutFraction;
        brownoutFraction = -1;
        return f;
    }
}
