package io.flashstation.sim.cmsisdap;

/**
 * The two status LEDs a host sets with DAP_HostStatus (cmsis-dap.md §3.2).
 *
 * @param connected the "debugger connected" LED
 * @param running   the "target running" LED
 */
public record ProbeLeds(boolean connected, boolean running) {
}
