package io.flashstation.sim.board;

import io.flashstation.sim.core.CortexM4DebugBlock;
import io.flashstation.sim.debug.AhbAccessPort;
import io.flashstation.sim.debug.SwDebugPort;
import io.flashstation.sim.debug.SwdTraffic;
import io.flashstation.sim.debug.SwdTransactionEngine;
import io.flashstation.sim.debug.SwdTransactionPort;
import io.flashstation.sim.debug.SwdWireDecoder;
import io.flashstation.sim.debug.SwdWirePort;
import io.flashstation.sim.debug.WireClock;
import io.flashstation.sim.fault.FaultPlan;
import io.flashstation.sim.probe.TargetConnection;
import io.flashstation.sim.target.AccessSize;
import io.flashstation.sim.target.AhbBus;
import io.flashstation.sim.target.BusResponse;
import io.flashstation.sim.target.ChipVariant;
import io.flashstation.sim.target.FlashStats;
import io.flashstation.sim.target.Stm32F4System;
import io.flashstation.sim.target.SystemBus;
import io.flashstation.sim.time.VirtualClock;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One virtual BlackPill: an STM32F4 system bus, its Cortex-M4 (debug block and executing core), the SW-DP with its
 * AHB-AP, on one virtual clock, reachable per transaction and per wire cycle. The core runs interleaved with the
 * debugger: before every access the AHB-AP makes, and before anything looks at the board from outside, the core
 * executes what fits up to the board's present. Statistics follow TIMING.md §4: a board's virtual
 * time is the sum over host sessions of the span from the first to the last wire activity.
 * <p>
 * Power: the supply reads 3.3 V. A brown-out (armed in the fault plan) is a dip the VREF pin does not catch; it
 * power-cycles the debug port (back to JTAG mode, debugger detached) and the core, and the chip comes back from a
 * power-on reset. At RDP level 2 the debug port answers nothing. A debugger counts as attached (RDP 1 blocks main
 * flash) from the moment a host sets CDBGPWRUPREQ until the next power-on.
 */
public final class VirtualBoard implements TargetConnection {

    /** The BlackPill's 3.3 V regulator as the probe's VREF pin reads it. */
    public static final double SUPPLY_VOLTS = 3.3;

    private final ChipVariant variant;
    private final Path stateDir;
    private final VirtualClock clock = new VirtualClock();
    private final FaultPlan faults = new FaultPlan();
    private final Stm32F4System chip;
    private final CortexM4DebugBlock coreDebug;
    private final SwDebugPort dp;
    private final SwdTraffic traffic = new SwdTraffic();
    private final SwdTransactionEngine swd;
    private final SwdWireDecoder wire;
    private final BoardCounters restored;
    private long endedSessionsNanos;
    private boolean inSession;

    private VirtualBoard(ChipVariant variant, byte[] uid, BoardConfig config, BoardCounters restored) {
        this.variant = variant;
        this.stateDir = config.stateDir();
        this.restored = restored;
        SystemBusLink systemBus = new SystemBusLink();
        this.coreDebug = new CortexM4DebugBlock(systemBus, variant.devId(), clock, this::resetPeripherals);
        this.chip = new Stm32F4System(variant, uid, clock, config.timing(), faults, coreDebug, this::powerLost);
        systemBus.chip = chip;
        this.dp = new SwDebugPort(new AhbAccessPort(new CoreSynchronizedBus(), clock, faults), clock, faults,
                () -> chip.rdpLevel() < 2);
        dp.onDebugPowerUp(() -> chip.setDebuggerAttached(true));
        WireClock wireClock = new WireClock(clock);
        this.swd = new SwdTransactionEngine(dp, wireClock, traffic);
        this.wire = new SwdWireDecoder(dp, wireClock, traffic);
    }

    /** Builds the board {@code config} describes, or reloads it from its state directory when one was saved there. */
    public static VirtualBoard open(BoardConfig config) {
        Optional<BoardState> saved = config.stateDirectory().flatMap(BoardStateStore::load);
        if (saved.isPresent()) {
            BoardState state = saved.get();
            VirtualBoard board = new VirtualBoard(state.chip(), state.uid(), config, state.counters());
            board.chip.loadFlashImage(state.flash());
            board.chip.restoreStats(new FlashStats(state.counters().sectorsErased(), state.counters().massErases(),
                    state.counters().bytesProgrammed()));
            board.chip.loadOptionBytes(state.optionBytes());
            board.coreDebug.powerOn();
            return board;
        }
        VirtualBoard board = new VirtualBoard(config.chip(), config.uid(), config, BoardCounters.NONE);
        if (config.rdpByte() != BoardConfig.RDP_LEVEL_0) {
            board.chip.loadOptionBytes(Stm32F4System.optionBytesWithRdp(config.rdpByte()));
        }
        board.coreDebug.powerOn();
        return board;
    }

    @Override
    public SwdTransactionPort swd() {
        return swd;
    }

    @Override
    public SwdWirePort wire() {
        return wire;
    }

    @Override
    public double targetVoltage() {
        return SUPPLY_VOLTS;
    }

    /** NRST: resets the core and the peripherals, never the debug port (§12.2). */
    @Override
    public synchronized void setResetLine(boolean asserted) {
        catchUp();
        coreDebug.setResetLine(asserted);
    }

    @Override
    public VirtualClock clock() {
        return clock;
    }

    @Override
    public synchronized void sessionStarted() {
        traffic.startSession();
        inSession = true;
    }

    /** Closes the session's time window and, when the board persists, saves its state. */
    @Override
    public synchronized void sessionEnded() {
        catchUp();
        if (inSession) {
            endedSessionsNanos += traffic.sessionSpanNanos();
            inSession = false;
        }
        if (stateDir != null) {
            save();
        }
    }

    /** Writes the board's state to its state directory (no-op for a board without one). */
    public synchronized void save() {
        if (stateDir != null) {
            BoardStateStore.save(stateDir, new BoardState(variant, chip.uid(), chip.flashImage(), chip.optionBytes(),
                    counters()));
        }
    }

    /** Counters so far, including those of earlier processes when the board was reloaded. */
    public synchronized BoardCounters counters() {
        catchUp();
        long sessions = endedSessionsNanos + (inSession ? traffic.sessionSpanNanos() : 0);
        FlashStats flash = chip.stats();
        return new BoardCounters(restored.virtualNanos() + sessions, restored.swdTransfers() + traffic.transfers(),
                flash.sectorsErased(), flash.massErases(), flash.bytesProgrammed());
    }

    /** The faults armed on this board. */
    public FaultPlan faults() {
        return faults;
    }

    /** The chip's system bus, flash and option bytes. */
    public Stm32F4System chip() {
        return chip;
    }

    /** The Cortex-M4's debug view: registers and run state. */
    public CortexM4DebugBlock debugBlock() {
        return coreDebug;
    }

    public String uidHex() {
        return chip.uidHex();
    }

    /** Lets the core execute everything that fits up to the board's present. */
    public void catchUp() {
        coreDebug.runUntil(clock.nanos());
    }

    // SYSRESETREQ and NRST reach the chip's peripherals through here
    private void resetPeripherals() {
        chip.systemReset();
    }

    // The supply dipped below the power-on-reset threshold: everything in the debug domain starts over.
    private void powerLost() {
        chip.setDebuggerAttached(false);
        dp.powerOn();
        coreDebug.powerOn();
    }

    /** The debugger's view of the system bus: the core first catches up to the instant of each access. */
    private final class CoreSynchronizedBus implements AhbBus {
        @Override
        public BusResponse read(int address, AccessSize size) {
            catchUp();
            return chip.read(address, size);
        }

        @Override
        public BusResponse write(int address, AccessSize size, int value) {
            catchUp();
            return chip.write(address, size, value);
        }
    }

    /**
     * The core's view of the system bus, bound after construction: the chip needs the debug block for its PPB
     * window and the debug block needs the chip to execute on.
     */
    private static final class SystemBusLink implements SystemBus {
        private SystemBus chip;

        @Override
        public BusResponse read(int address, AccessSize size) {
            return chip.read(address, size);
        }

        @Override
        public BusResponse write(int address, AccessSize size, int value) {
            return chip.write(address, size, value);
        }

        @Override
        public BusResponse readAt(int address, AccessSize size, long atNanos) {
            return chip.readAt(address, size, atNanos);
        }

        @Override
        public BusResponse writeAt(int address, AccessSize size, int value, long atNanos) {
            return chip.writeAt(address, size, value, atNanos);
        }

        @Override
        public long coreClockHz() {
            // the debug block is built before the chip; until then the core sits in reset at HSI speed
            return chip == null ? 16_000_000L : chip.coreClockHz();
        }
    }
}
