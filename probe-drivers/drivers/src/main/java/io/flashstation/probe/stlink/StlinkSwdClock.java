package io.flashstation.probe.stlink;

import io.flashstation.probe.LittleEndian;
import java.util.ArrayList;
import java.util.List;

/**
 * SWD clock choice (stlink.md §6): V2/V2-1 take a divisor from a fixed table; V3 offers a list of frequencies
 * through GET_COM_FREQ. Either way the probe runs the fastest offered clock at or below the request, or its
 * slowest one when the request is below them all.
 */
final class StlinkSwdClock {

    /** One V2 SWD_SET_FREQ table entry. */
    record V2Divisor(int kHz, int divisor) {
    }

    /** V2 SWD_SET_FREQ divisors (OpenOCD's table), fastest first. */
    private static final List<V2Divisor> V2_DIVISORS = List.of(
            new V2Divisor(4000, 0), new V2Divisor(1800, 1), new V2Divisor(1200, 2), new V2Divisor(950, 3),
            new V2Divisor(480, 7), new V2Divisor(240, 15), new V2Divisor(125, 31), new V2Divisor(100, 40),
            new V2Divisor(50, 79), new V2Divisor(25, 158), new V2Divisor(15, 265), new V2Divisor(5, 798));

    private StlinkSwdClock() {
    }

    /** The V2 table entry for a request. */
    static V2Divisor v2Divisor(long requestedHz) {
        int kHz = pick(V2_DIVISORS.stream().map(V2Divisor::kHz).toList(), requestedHz);
        return V2_DIVISORS.stream().filter(d -> d.kHz() == kHz).findFirst().orElseThrow();
    }

    /** The offered clock (kHz) to ask for: the fastest at or below the request, else the slowest. */
    static int pick(List<Integer> offeredKHz, long requestedHz) {
        if (offeredKHz.isEmpty()) {
            throw new IllegalArgumentException("the probe offers no SWD clock");
        }
        long requestedKHz = requestedHz / 1000;
        int best = -1;
        int slowest = Integer.MAX_VALUE;
        for (int kHz : offeredKHz) {
            slowest = Math.min(slowest, kHz);
            if (kHz <= requestedKHz && kHz > best) {
                best = kHz;
            }
        }
        return best >= 0 ? best : slowest;
    }

    /** The list in a V3 GET_COM_FREQ reply: count at [8], then u32 LE kHz values from [12]. */
    static List<Integer> v3Offered(byte[] reply) {
        int count = Math.min(reply[8] & 0xFF, (reply.length - 12) / 4);
        List<Integer> offered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            offered.add(LittleEndian.u32(reply, 12 + 4 * i));
        }
        return offered;
    }
}
