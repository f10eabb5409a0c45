package io.flashstation.sim.debug;

import io.flashstation.sim.fault.FaultPlan;
import io.flashstation.sim.time.VirtualClock;

/** A DP + AHB-AP over {@link TestMemory}, with both ports, as a board would wire them. */
final class DebugPortRig {

    final VirtualClock clock = new VirtualClock();
    final FaultPlan faults = new FaultPlan();
    final TestMemory memory = new TestMemory(clock);
    final SwdTraffic traffic = new SwdTraffic();
    final WireClock wireClock = new WireClock(clock);
    boolean portEnabled = true;
    final SwDebugPort dp = new SwDebugPort(new AhbAccessPort(memory, clock, faults), clock, faults, () -> portEnabled);
    final SwdTransactionEngine swd = new SwdTransactionEngine(dp, wireClock, traffic);
    final SwdWireDecoder wire = new SwdWireDecoder(dp, wireClock, traffic);
    final SwdHost host = new SwdHost(swd);
}
