package io.flashstation.probe;

import java.util.OptionalInt;

/**
 * Keeps the DP SELECT register in step with the AP and register bank each access needs, for probes whose
 * firmware runs raw SWD transfers (CMSIS-DAP, J-Link): SELECT = APSEL[31:24] | APBANKSEL[7:4] (ADIv5; see
 * adiv5-swd-jtag.md §4.5). It remembers what was last written so unchanged banks cost no transfer.
 */
public final class SelectTracker {

    private static final int UNKNOWN = -1;
    private long current = UNKNOWN;

    /** The SELECT value to write before accessing AP register {@code address} of AP {@code apsel}, if a write is needed. */
    public OptionalInt selectFor(int apsel, int address) {
        if (apsel < 0 || apsel > 0xFF || address < 0 || address > 0xFC || (address & 3) != 0) {
            throw new IllegalArgumentException(String.format("no AP register 0x%X on AP %d", address, apsel));
        }
        int wanted = (apsel << 24) | (address & 0xF0);
        if (current == Integer.toUnsignedLong(wanted)) {
            return OptionalInt.empty();
        }
        current = Integer.toUnsignedLong(wanted);
        return OptionalInt.of(wanted);
    }

    /** Forgets the cached value (after a line reset, a DP power cycle, or a failed batch). */
    public void invalidate() {
        current = UNKNOWN;
    }
}
