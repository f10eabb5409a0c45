package io.flashstation.sim.stlink;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SWD clocks each ST-Link generation can produce (stlink.md §6; TIMING.md §3 for the maxima). */
final class SwdClockTable {

    /** V2/V2-1 SWD_SET_FREQ divisors and the clock each gives, in kHz ([OCD012] table; 0 = 4000 kHz per TIMING.md). */
    private static final Map<Integer, Integer> V2_DIVISOR_KHZ = Map.ofEntries(
            Map.entry(0, 4000), Map.entry(1, 1800), Map.entry(2, 1200), Map.entry(3, 950), Map.entry(7, 480),
            Map.entry(15, 240), Map.entry(31, 125), Map.entry(40, 100), Map.entry(79, 50), Map.entry(158, 25),
            Map.entry(265, 15), Map.entry(798, 5));
    /** The probe keeps divisor 1 from power-up until told otherwise (stlink.md §11, [STO-534]). */
    static final int V2_DEFAULT_KHZ = 1800;

    /** SWD clocks a V3 reports in GET_COM_FREQ, fastest first, as a real V3J9 listed them ([LOG-V3]). */
    static final List<Integer> V3_SWD_KHZ = List.of(24000, 8000, 3300, 1000, 200, 50, 5);
    /** JTAG top clock of a V3 ([BMP-1908]); the rest of its list is unconfirmed, so only the top is offered. */
    static final List<Integer> V3_JTAG_KHZ = List.of(21333);
    /** The V3 power-up clock is not documented; 1000 kHz is the entry OpenOCD's default 2000 kHz resolves to. */
    static final int V3_DEFAULT_KHZ = 1000;

    /** V2 JTAG_SET_FREQ divisors ([OCD012]); accepted and remembered, the lab's boards offer SWD only. */
    private static final Map<Integer, Integer> V2_JTAG_DIVISOR_KHZ = Map.of(
            4, 9000, 8, 4500, 16, 2250, 32, 1125, 64, 562, 128, 281, 256, 140);

    private SwdClockTable() {
    }

    static Optional<Integer> v2SwdKhz(int divisor) {
        return Optional.ofNullable(V2_DIVISOR_KHZ.get(divisor));
    }

    static Optional<Integer> v2JtagKhz(int divisor) {
        return Optional.ofNullable(V2_JTAG_DIVISOR_KHZ.get(divisor));
    }

    /** The firmware's pick for a requested clock: exact, else the fastest below it, else the slowest offered. */
    static int v3Pick(List<Integer> offered, int requestedKhz) {
        return offered.stream().filter(khz -> khz <= requestedKhz).findFirst().orElse(offered.get(offered.size() - 1));
    }
}
