package io.flashstation.sim.core;

import io.flashstation.sim.target.AccessSize;
import io.flashstation.sim.target.AhbBus;
import io.flashstation.sim.target.BusResponse;
import io.flashstation.sim.target.SystemBus;
import io.flashstation.sim.time.VirtualClock;
import java.util.Map;

/**
 * The Cortex-M4's private peripheral bus (0xE0000000–0xE00FFFFF; DBGMCU at 0xE0042000 belongs to the chip) as the
 * AHB-AP reaches it: ITM, DWT, FPB, SCS, TPIU, ETM and the ROM table, in front of the core's register file and
 * run state, and the {@link CoreExecution} that runs code on them. Registers are word-sized: sub-word reads return
 * their byte lanes, sub-word writes and addresses outside the components are bus errors.
 */
public final class CortexM4DebugBlock implements AhbBus {

    private static final int BLOCK_MASK = 0xFFFF_F000;

    private final VirtualClock clock;
    private final Runnable peripheralReset;
    private final CoreState core = new CoreState();
    private final DebugControlBlock debug;
    private final SystemControlSpace scs;
    private final FlashPatchBreakpoint fpb = new FlashPatchBreakpoint();
    private final DataWatchpointTrace dwt = new DataWatchpointTrace();
    private final InstrumentationTrace itm = new InstrumentationTrace();
    private final CoreExecution execution;
    private final Map<Integer, PpbComponent> components;

    /**
     * @param systemBus       what the core executes on and fetches its vectors from (the chip's AHB)
     * @param devId           DBGMCU DEV_ID, the ROM table's part number
     * @param peripheralReset what SYSRESETREQ does outside the core: resets the chip's peripherals
     */
    public CortexM4DebugBlock(SystemBus systemBus, int devId, VirtualClock clock, Runnable peripheralReset) {
        this.clock = clock;
        this.peripheralReset = peripheralReset;
        this.debug = new DebugControlBlock(core, systemBus);
        // a reset the core requests itself (AIRCR written by code) happens once the writing instruction is done
        this.scs = new SystemControlSpace(debug, () -> execution().runBetweenInstructions(this::systemReset));
        this.execution = new CoreExecution(core, systemBus, clock, debug, fpb, scs);
        debug.attach(execution);
        // TPIU (part 0x9A1) and ETM-M4 (part 0x925) IDs: Cortex-M4 TRM values from memory, UNCONFIRMED (§11)
        this.components = Map.of(
                0xE000_0000, itm,
                0xE000_1000, dwt,
                0xE000_2000, fpb,
                0xE000_E000, scs,
                0xE004_0000, new IdentifiedComponent(new CoreSightId(0x9A1, CoreSightId.ARM, 0, CoreSightId.CLASS_CORESIGHT)),
                0xE004_1000, new IdentifiedComponent(new CoreSightId(0x925, CoreSightId.ARM, 4, CoreSightId.CLASS_CORESIGHT)),
                0xE00F_F000, new RomTable(devId));
    }

    /** The register file and run state. */
    public CoreState core() {
        return core;
    }

    /** The executing core: what runs between debugger accesses. */
    public CoreExecution execution() {
        return execution;
    }

    /** Lets the core execute up to virtual instant {@code nanos} (see {@link CoreExecution#runUntil}). */
    public void runUntil(long nanos) {
        execution.runUntil(nanos);
    }

    /** Power-on reset: the debug configuration (DHCSR, DEMCR, FPB, DWT, ITM) is cleared too. */
    public void powerOn() {
        fpb.powerOn();
        dwt.powerOn();
        itm.powerOn();
        scs.reset();
        debug.powerOn();
    }

    /**
     * A system reset (SYSRESETREQ, or NRST pulsed): peripherals and the core reset; the debug port, C_DEBUGEN,
     * DEMCR, FPB and DWT keep their state (§12.2, §13.8).
     */
    public void systemReset() {
        peripheralReset.run();
        scs.reset();
        debug.coreReset();
    }

    /** NRST: while asserted, peripherals and core are held in reset; the release lets the core start. */
    public void setResetLine(boolean asserted) {
        if (asserted) {
            peripheralReset.run();
            scs.reset();
        }
        debug.holdInReset(asserted);
    }

    @Override
    public BusResponse read(int address, AccessSize size) {
        PpbComponent component = components.get(address & BLOCK_MASK);
        if (component == null) {
            return BusResponse.error(clock.nanos());
        }
        int word = component.read(address & ~BLOCK_MASK & ~3);
        return BusResponse.okay((word >>> (8 * (address & 3))) & size.mask(), clock.nanos());
    }

    @Override
    public BusResponse write(int address, AccessSize size, int value) {
        PpbComponent component = components.get(address & BLOCK_MASK);
        if (component == null || size != AccessSize.WORD) {
            return BusResponse.error(clock.nanos());
        }
        component.write(address & ~BLOCK_MASK, value);
        return BusResponse.okay(0, clock.nanos());
    }
}
