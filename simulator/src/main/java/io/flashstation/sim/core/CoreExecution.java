package io.flashstation.sim.core;

import io.flashstation.sim.cpu.CpuFault;
import io.flashstation.sim.cpu.DataPort;
import io.flashstation.sim.cpu.FaultKind;
import io.flashstation.sim.cpu.ThumbExecutor;
import io.flashstation.sim.target.AccessSize;
import io.flashstation.sim.target.BusResponse;
import io.flashstation.sim.target.SystemBus;
import io.flashstation.sim.time.VirtualClock;

/**
 * The Cortex-M4 executing in virtual time (TIMING.md §1): the core keeps its own instant, which trails the board's
 * clock, and {@link #runUntil} lets it execute every instruction that fits before a given instant, so whoever
 * touches the board afterwards sees the core's progress exactly as the clock says. An instruction costs one cycle
 * plus one per memory transfer (TIMING.md §1; branch refills and multi-cycle multiplies and divides are not
 * charged), at the HCLK the RCC selects; accesses that stall (flash busy, FLASH_ACR wait states) hold the core
 * until the bus answers.
 * <p>
 * Faults (DDI 0403 B1.5): every fault escalates to HardFault (the configurable fault handlers are not taken) with
 * CFSR/HFSR/BFAR recorded; a fault while in HardFault, or one while stacking for it, locks the core up with the
 * PC at 0xFFFFFFFE. Debug events: FPB breakpoints and BKPT halt the core (DFSR.BKPT) when halting debug is
 * enabled, and a BKPT escalates to HardFault otherwise; DEMCR.VC_HARDERR halts on HardFault entry. No interrupt
 * source is modelled, so WFI sleeps until the debugger halts the core and WFE only consumes a pending event.
 * Two shortcuts keep the lab fast without changing what a debugger can observe: an instruction that branches to
 * itself without a memory access (B .) lets the rest of the interval pass at once, and one catch-up executes at
 * most {@link #MAX_INSTRUCTIONS_PER_CATCH_UP} instructions.
 */
public final class CoreExecution implements DataPort, ThumbExecutor.ExceptionReturn {

    /** The PC a locked-up Cortex-M shows. */
    public static final int LOCKUP_PC = 0xFFFF_FFFE;
    private static final int HFSR_FORCED = 1 << 30;
    private static final int HFSR_DEBUGEVT = 1 << 31;
    /**
     * The most instructions one catch-up executes (a few seconds of wall time). Code the debugger leaves running for
     * a long virtual stretch without looking (firmware spinning on a timer that never ticks: no interrupt source is
     * modelled) idles for the rest of the stretch instead of stalling the lab; loaders and CRC routines, which the
     * host polls, stay far below it.
     */
    public static final long MAX_INSTRUCTIONS_PER_CATCH_UP = 1L << 25;
    private static final long RCC_BASE = 0x4002_3800L;
    private static final long RCC_END = 0x4002_3C00L;
    private static final long PICOS_PER_SECOND = 1_000_000_000_000L;

    private final CoreState core;
    private final SystemBus bus;
    private final VirtualClock clock;
    private final DebugControlBlock debug;
    private final FlashPatchBreakpoint fpb;
    private final FaultStatus scb;
    private final ThumbExecutor executor;
    private final ExceptionFrames exceptions;

    private long picos;
    private long periodPicos;
    /** The earliest instant the current instruction can complete: the latest answer of its bus accesses. */
    private long accessFloorPicos;
    private boolean sleeping;
    private boolean eventRegister;
    private boolean executing;
    private Runnable afterInstruction;

    CoreExecution(CoreState core, SystemBus bus, VirtualClock clock, DebugControlBlock debug,
                  FlashPatchBreakpoint fpb, FaultStatus scb) {
        this.core = core;
        this.bus = bus;
        this.clock = clock;
        this.debug = debug;
        this.fpb = fpb;
        this.scb = scb;
        this.executor = new ThumbExecutor(core, this, this);
        this.exceptions = new ExceptionFrames(core, this, scb);
        refreshClock();
    }

    /** Executes every instruction that starts before virtual instant {@code nanos}, or idles up to it. */
    public synchronized void runUntil(long nanos) {
        long limit = nanos * 1000;
        if (core.runState() != RunState.RUNNING) {
            picos = Math.max(picos, limit);
            return;
        }
        refreshClock();
        long budget = MAX_INSTRUCTIONS_PER_CATCH_UP;
        while (picos < limit && core.runState() == RunState.RUNNING && !sleeping && budget-- > 0) {
            if (executeOne()) {
                break; // an instruction that branches to itself without touching memory changes nothing but time
            }
        }
        if (core.runState() != RunState.RUNNING || sleeping || picos < limit) {
            picos = Math.max(picos, limit);
        }
    }

    /** The core's own instant in virtual nanoseconds (at or a little past the board's clock). */
    public synchronized long nanos() {
        return picos / 1000;
    }

    /** True while a WFI or WFE sleeps (DHCSR.S_SLEEP). */
    boolean sleeping() {
        return sleeping;
    }

    /**
     * The core leaves Debug state or reset and starts at the board's present. An instruction fetch that must fault
     * (EPSR.T clear, an Execute-Never PC such as an erased chip's 0xFFFFFFFE) is taken at once, so a core whose
     * HardFault path fails too is locked up before anyone looks.
     */
    void resume() {
        picos = Math.max(picos, clock.nanos() * 1000);
        sleeping = false;
        int pc = core.read(CoreState.PC);
        if ((core.read(CoreState.XPSR) & CoreState.XPSR_THUMB) == 0) {
            fault(new CpuFault(FaultKind.INVALID_STATE, pc));
        } else if (!executable(pc)) {
            fault(new CpuFault(FaultKind.EXECUTE_NEVER, pc));
        }
    }

    /** A halting debug step: exactly one instruction (or the fault or breakpoint it meets), at the present. */
    void step() {
        picos = Math.max(picos, clock.nanos() * 1000);
        sleeping = false;
        refreshClock();
        executeOne();
    }

    /** Debug state or reset ends a sleep. */
    void wake() {
        sleeping = false;
    }

    /**
     * Defers {@code action} to the end of the instruction being executed, if any: a reset the core requests by
     * writing AIRCR must not be undone by the instruction's own PC write.
     */
    void runBetweenInstructions(Runnable action) {
        if (executing) {
            afterInstruction = action;
        } else {
            action.run();
        }
    }

    /** Executes the instruction at PC; true when it left the PC where it was without a memory transfer. */
    private boolean executeOne() {
        int pc = core.read(CoreState.PC);
        if (fpb.breakpointAt(pc)) {
            breakpoint();
            return false;
        }
        executing = true;
        accessFloorPicos = 0;
        boolean spinning = false;
        try {
            ThumbExecutor.Event event = executor.execute();
            advance(executor.cycles());
            spinning = event == ThumbExecutor.Event.NONE && executor.cycles() == 1 && core.read(CoreState.PC) == pc;
            switch (event) {
                case BREAKPOINT -> breakpoint();
                case WAIT_FOR_INTERRUPT -> sleeping = true;
                case WAIT_FOR_EVENT -> {
                    sleeping = !eventRegister;
                    eventRegister = false;
                }
                case SEND_EVENT -> eventRegister = true;
                case SUPERVISOR_CALL -> enterException(ExceptionFrames.SV_CALL, core.read(CoreState.PC));
                default -> {
                }
            }
        } catch (CpuFault fault) {
            advance(1);
            fault(fault);
        } finally {
            executing = false;
        }
        if (afterInstruction != null) {
            Runnable action = afterInstruction;
            afterInstruction = null;
            action.run();
            return false;
        }
        return spinning;
    }

    private void advance(int cycles) {
        picos = Math.max(picos + cycles * periodPicos, accessFloorPicos);
    }

    private void breakpoint() {
        if (debug.haltingDebugEnabled()) {
            debug.enterDebug(DebugControlBlock.DFSR_BKPT);
        } else {
            // no DebugMonitor: the debug event escalates to HardFault (B1.5.12 / C1.4)
            scb.recordFault(0, HFSR_DEBUGEVT);
            enterHardFault(core.read(CoreState.PC));
        }
    }

    private void fault(CpuFault fault) {
        scb.recordFault(fault.kind().cfsrBit(), HFSR_FORCED);
        if (fault.kind() == FaultKind.DATA_BUS_ERROR) {
            scb.recordBusFaultAddress(fault.address());
        }
        enterHardFault(core.read(CoreState.PC));
    }

    private void enterHardFault(int returnAddress) {
        int active = exceptions.currentException();
        if (active == ExceptionFrames.HARD_FAULT || active == 2) {
            lockUp(); // a fault at priority -1 or -2 cannot be escalated (B1.5.15)
            return;
        }
        enterException(ExceptionFrames.HARD_FAULT, returnAddress);
        if (core.runState() == RunState.RUNNING && debug.catchesHardFault()) {
            debug.enterDebug(DebugControlBlock.DFSR_VCATCH);
        }
    }

    private void enterException(int number, int returnAddress) {
        executor.clearExclusive();
        try {
            exceptions.enter(number, returnAddress);
        } catch (CpuFault stackingFault) {
            scb.recordFault(stackingFault.kind().cfsrBit(), HFSR_FORCED);
            lockUp();
        }
    }

    @Override
    public void exceptionReturn(int excReturn) {
        executor.clearExclusive();
        exceptions.exit(excReturn);
    }

    private void lockUp() {
        core.write(CoreState.PC, LOCKUP_PC);
        debug.lockUp();
    }

    private void refreshClock() {
        periodPicos = PICOS_PER_SECOND / bus.coreClockHz();
    }

    /** The ARMv7-M default memory map's Execute-Never regions: peripherals, devices and the system space (B3.1). */
    static boolean executable(int address) {
        long unsigned = Integer.toUnsignedLong(address);
        return unsigned < 0x4000_0000L || (unsigned >= 0x6000_0000L && unsigned < 0xA000_0000L);
    }

    // --- DataPort: the core's bus accesses, at its own instant -------------------------------------------

    @Override
    public int fetch(int address) {
        if (!executable(address)) {
            throw new CpuFault(FaultKind.EXECUTE_NEVER, address);
        }
        BusResponse response = bus.readAt(address, AccessSize.HALFWORD, picos / 1000);
        if (!response.ok()) {
            throw new CpuFault(FaultKind.INSTRUCTION_BUS_ERROR, address);
        }
        waitFor(response);
        return response.data();
    }

    @Override
    public int load(int address, AccessSize size) {
        BusResponse response = bus.readAt(address, size, picos / 1000);
        if (!response.ok()) {
            throw new CpuFault(FaultKind.DATA_BUS_ERROR, address);
        }
        waitFor(response);
        return response.data();
    }

    @Override
    public void store(int address, AccessSize size, int value) {
        BusResponse response = bus.writeAt(address, size, value, picos / 1000);
        if (!response.ok()) {
            throw new CpuFault(FaultKind.DATA_BUS_ERROR, address);
        }
        waitFor(response);
        long unsigned = Integer.toUnsignedLong(address);
        if (unsigned >= RCC_BASE && unsigned < RCC_END) {
            refreshClock(); // the core may just have switched its own clock
        }
    }

    private void waitFor(BusResponse response) {
        accessFloorPicos = Math.max(accessFloorPicos, response.readyAtNanos() * 1000);
    }
}
